// Package moderation holds reports, the moderation queue and community validation, and the
// append-only audit log every moderator or community decision is written to.
//
//   - Audit(app, Entry{...}) writes one decision to the auditLog collection (others call it:
//     suggestions, revisions, proposals);
//
//   - IsTrusted(app, user) tells whether a person may take part in community validation: a
//     facilitator or moderator, or a resident with at least Config.TrustedThreshold published
//     contributions;
//
//   - reports hide an item once Config.ReportThreshold distinct people reported it, until a
//     moderator keeps or removes it;
//
//   - moderationVotes publish or reject a pending contribution once Config.ValidationVotes
//     trusted members agree.
//
//     moderation.Register(app, moderation.Config{})
package moderation

import (
	"github.com/pocketbase/pocketbase/core"
)

// Defaults of Config.
const (
	DefaultTrustedThreshold = 5
	DefaultReportThreshold  = 3
	DefaultValidationVotes  = 3
)

// Config holds the thresholds of moderation; zero values take the defaults.
type Config struct {
	// TrustedThreshold is how many published contributions make a resident a trusted member.
	TrustedThreshold int
	// ReportThreshold is how many distinct reporters hide an item until a moderator reviews it.
	ReportThreshold int
	// ValidationVotes is how many concurring votes of trusted members decide a contribution.
	ValidationVotes int
}

// WithDefaults returns c with every unset (zero or negative) threshold at its default.
func (c Config) WithDefaults() Config {
	c.TrustedThreshold = orDefault(c.TrustedThreshold, DefaultTrustedThreshold)
	c.ReportThreshold = orDefault(c.ReportThreshold, DefaultReportThreshold)
	c.ValidationVotes = orDefault(c.ValidationVotes, DefaultValidationVotes)
	return c
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

// storeKey keeps each app's Config in its store, so that test apps may differ.
const storeKey = "maillage.moderation.config"

// configOf returns the Config app was registered with, or the defaults.
func configOf(app core.App) Config {
	if c, ok := app.Store().Get(storeKey).(Config); ok {
		return c
	}
	return Config{}.WithDefaults()
}

// Register binds moderation to app: the audit log's append-only guard and the logging of
// moderators' status decisions.
func Register(app core.App, cfg Config) {
	app.Store().Set(storeKey, cfg.WithDefaults())
	bindAuditGuard(app)
	bindStatusAudit(app)
	bindSyncStatusAudit(app)
	bindReports(app)
	bindVotes(app)
	bindRoutes(app)
	bindDuplicatesAudit(app)
}
