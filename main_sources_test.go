package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase"
)

// TestSourcesAllowNetworksFlagAndEnv checks that --sources-allow-networks and
// MAILLAGE_SOURCES_ALLOW_NETWORKS reach the sources' config, the flag winning.
func TestSourcesAllowNetworksFlagAndEnv(t *testing.T) {
	cases := []struct {
		env  string
		args []string
		want string
	}{
		{"", []string{"serve"}, "[]"}, // negative control: nothing set allows nothing
		{"", []string{"serve", "--sources-allow-networks", "10.20.0.0/16, ::1"}, "[10.20.0.0/16 ::1/128]"},
		{"192.168.1.0/24", []string{"serve"}, "[192.168.1.0/24]"},
		{"192.168.1.0/24", []string{"serve", "--sources-allow-networks=127.0.0.0/8"}, "[127.0.0.0/8]"},
	}
	for _, c := range cases {
		t.Setenv("MAILLAGE_SOURCES_ALLOW_NETWORKS", c.env)
		cfg, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), c.args)
		if got := fmt.Sprint(cfg.Sources.AllowNetworks); err != nil || got != c.want {
			t.Errorf("env %q, args %v: got %s, %v; want %s", c.env, c.args, got, err, c.want)
		}
	}
}

func TestSourcesAllowNetworksRefusesWhatIsNotANetwork(t *testing.T) {
	t.Setenv("MAILLAGE_SOURCES_ALLOW_NETWORKS", "intranet")
	_, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), []string{"serve"})
	if err == nil || !strings.Contains(err.Error(), "MAILLAGE_SOURCES_ALLOW_NETWORKS") || !strings.Contains(err.Error(), "CIDR") {
		t.Errorf("got %v, want an error naming MAILLAGE_SOURCES_ALLOW_NETWORKS and the expected CIDRs", err)
	}
}
