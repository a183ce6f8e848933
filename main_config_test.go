package main

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase"
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

// --row-cache-mb and MAILLAGE_ROW_CACHE_MB size the records' cache (the flag wins), 0 turns
// it off, and a value that is not a number of MiB is refused with what to write.
func TestRowCacheFlagAndEnv(t *testing.T) {
	cases := []struct {
		env  string
		args []string
		want int64
	}{
		{"", []string{"serve"}, 32 << 20},
		{"0", []string{"serve"}, -1},
		{"8", []string{"serve", "--row-cache-mb", "64"}, 64 << 20},
	}
	for _, c := range cases {
		t.Setenv("MAILLAGE_ROW_CACHE_MB", c.env)
		cfg, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), c.args)
		if err != nil || cfg.RowCacheBytes != c.want {
			t.Errorf("env %q, args %v: got %v, %v; want %v", c.env, c.args, cfg.RowCacheBytes, err, c.want)
		}
	}
	for _, bad := range []string{"32MB", "-1"} {
		t.Setenv("MAILLAGE_ROW_CACHE_MB", bad)
		_, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), []string{"serve"})
		if err == nil || !strings.Contains(err.Error(), "MAILLAGE_ROW_CACHE_MB") || !strings.Contains(err.Error(), "MiB") {
			t.Errorf("MAILLAGE_ROW_CACHE_MB=%s: got %v, want an error naming it and the expected MiB", bad, err)
		}
	}
}
