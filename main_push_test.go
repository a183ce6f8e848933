package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase"
)

// TestPushHostsFlagAndEnv checks that --push-hosts and MAILLAGE_PUSH_HOSTS reach the push
// config, the flag winning over the variable, and that an entry without a port is refused.
func TestPushHostsFlagAndEnv(t *testing.T) {
	cases := []struct {
		env  string
		args []string
		want []string
	}{
		{"", []string{"serve"}, nil}, // negative control: nothing set accepts no other host
		{"push.example.org:443, 127.0.0.1:8100", []string{"serve"}, []string{"push.example.org:443", "127.0.0.1:8100"}},
		{"push.example.org:443", []string{"serve", "--push-hosts", "127.0.0.1:9000"}, []string{"127.0.0.1:9000"}},
	}
	for _, c := range cases {
		t.Setenv("MAILLAGE_PUSH_HOSTS", c.env)
		cfg, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), c.args)
		if err != nil || !slices.Equal(cfg.Push.Hosts, c.want) {
			t.Errorf("env %q, args %v: got %v, %v; want %v", c.env, c.args, cfg.Push.Hosts, err, c.want)
		}
	}
	t.Setenv("MAILLAGE_PUSH_HOSTS", "push.example.org")
	_, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), []string{"serve"})
	if err == nil || !strings.Contains(err.Error(), "MAILLAGE_PUSH_HOSTS") || !strings.Contains(err.Error(), "host:port") {
		t.Errorf("got %v, want an error naming MAILLAGE_PUSH_HOSTS and host:port", err)
	}
}
