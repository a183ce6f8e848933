package main

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase"

	"github.com/maillage/maillage/internal/server"
)

// TestGeoMarginFlagAndEnv checks that --geo-margin and MAILLAGE_GEO_MARGIN reach the geo
// hooks' config, the flag winning over the variable, without building the binary.
func TestGeoMarginFlagAndEnv(t *testing.T) {
	cases := []struct {
		env  string
		args []string
		want float64
	}{
		{"", []string{"serve"}, 0}, // negative control: nothing set leaves the default
		{"", []string{"serve", "--geo-margin", "500"}, 500},
		{"-1", []string{"serve"}, -1},
		{"750", []string{"serve", "--geo-margin=300"}, 300},
	}
	for _, c := range cases {
		t.Setenv("MAILLAGE_GEO_MARGIN", c.env)
		cfg, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), c.args)
		if err != nil || cfg.Hooks.Geo.OutsideMarginMeters != c.want {
			t.Errorf("env %q, args %v: got %v, %v; want %v", c.env, c.args, cfg.Hooks.Geo.OutsideMarginMeters, err, c.want)
		}
	}
}

func TestGeoMarginEnvNotANumber(t *testing.T) {
	t.Setenv("MAILLAGE_GEO_MARGIN", "2km")
	_, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), []string{"serve"})
	if err == nil || !strings.Contains(err.Error(), "MAILLAGE_GEO_MARGIN") || !strings.Contains(err.Error(), "metres") {
		t.Errorf("got %v, want an error naming MAILLAGE_GEO_MARGIN and the expected metres", err)
	}
}

// --row-cache-mb and MAILLAGE_ROW_CACHE_MB size the records' cache, --sqlite-memory-mb and
// MAILLAGE_SQLITE_MEMORY_MB SQLite's memory (the flag wins over the variable); 0 turns the cache
// off and sets SQLite no limit; a value that is not a number of MiB is refused with what to write.
func TestMebibyteFlagsAndEnv(t *testing.T) {
	settings := []struct {
		env, flag string
		get       func(server.Config) int64
		zero      int64
	}{
		{"MAILLAGE_ROW_CACHE_MB", "--row-cache-mb", func(c server.Config) int64 { return c.RowCacheBytes }, -1},
		{"MAILLAGE_SQLITE_MEMORY_MB", "--sqlite-memory-mb", func(c server.Config) int64 { return c.SQLiteMemoryBytes }, 0},
	}
	for _, set := range settings {
		cases := []struct {
			env  string
			args []string
			want int64
		}{
			{"", []string{"serve"}, 32 << 20},
			{"0", []string{"serve"}, set.zero},
			{"8", []string{"serve", set.flag, "64"}, 64 << 20},
		}
		for _, c := range cases {
			t.Setenv(set.env, c.env)
			cfg, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), c.args)
			if err != nil || set.get(cfg) != c.want {
				t.Errorf("%s=%q, args %v: got %v, %v; want %v", set.env, c.env, c.args, set.get(cfg), err, c.want)
			}
		}
		for _, bad := range []string{"32MB", "-1"} {
			t.Setenv(set.env, bad)
			_, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), []string{"serve"})
			if err == nil || !strings.Contains(err.Error(), set.env) || !strings.Contains(err.Error(), "MiB") {
				t.Errorf("%s=%s: got %v, want an error naming it and the expected MiB", set.env, bad, err)
			}
		}
		t.Setenv(set.env, "")
	}
}
