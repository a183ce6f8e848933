package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/maillage/maillage/governance/moderation"
)

// moderationFlags declares the thresholds of reports and community validation; 0 or unset
// takes the default (see moderation.Config).
func moderationFlags(flags *pflag.FlagSet, cfg *moderation.Config) {
	flags.IntVar(&cfg.TrustedThreshold, "trusted-threshold", envInt("MAILLAGE_TRUSTED_THRESHOLD"),
		"published contributions that make a resident a trusted member, who votes in community validation; default 5; env MAILLAGE_TRUSTED_THRESHOLD")
	flags.IntVar(&cfg.ReportThreshold, "report-threshold", envInt("MAILLAGE_REPORT_THRESHOLD"),
		"distinct reporters that hide an item until a moderator reviews it; default 3; env MAILLAGE_REPORT_THRESHOLD")
	flags.IntVar(&cfg.ValidationVotes, "validation-votes", envInt("MAILLAGE_VALIDATION_VOTES"),
		"concurring votes of trusted members that publish or reject a pending contribution; default 3; env MAILLAGE_VALIDATION_VOTES")
}

// envInt reads a whole number from the environment variable name; unset is 0 (the default),
// and a value that is not a number is reported and taken as 0.
func envInt(name string) int {
	v := os.Getenv(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		fmt.Fprintf(os.Stderr, "Warning: %s=%q is not a whole number; the default is used\n", name, v)
		return 0
	}
	return n
}
