package main

import (
	"testing"

	"github.com/pocketbase/pocketbase"

	"github.com/maillage/maillage/governance/moderation"
)

// TestModerationFlagsAndEnv: the thresholds come from the flags and the environment, the flag
// winning; nothing set leaves zeros, which moderation.Config turns into the defaults.
func TestModerationFlagsAndEnv(t *testing.T) {
	t.Setenv("MAILLAGE_TRUSTED_THRESHOLD", "")
	t.Setenv("MAILLAGE_REPORT_THRESHOLD", "")
	t.Setenv("MAILLAGE_VALIDATION_VOTES", "")
	cfg, err := readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}), []string{"serve"})
	if err != nil || cfg.Moderation.WithDefaults() != (moderation.Config{TrustedThreshold: 5, ReportThreshold: 3, ValidationVotes: 3}) {
		t.Fatalf("defaults: %+v, %v", cfg.Moderation.WithDefaults(), err)
	}
	t.Setenv("MAILLAGE_VALIDATION_VOTES", "2")
	t.Setenv("MAILLAGE_REPORT_THRESHOLD", "7")
	cfg, err = readConfig(pocketbase.NewWithConfig(pocketbase.Config{DefaultDataDir: t.TempDir()}),
		[]string{"serve", "--report-threshold", "4", "--trusted-threshold=10"})
	want := moderation.Config{TrustedThreshold: 10, ReportThreshold: 4, ValidationVotes: 2}
	if err != nil || cfg.Moderation != want {
		t.Fatalf("got %+v, %v; want %+v", cfg.Moderation, err, want)
	}
}
