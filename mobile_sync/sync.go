// Package mobilesync adds what PocketBase lacks for offline-first clients: a commit-ordered
// change log kept by SQLite triggers, pulls since an opaque cursor, an exactly-once push with
// per-field conflict resolution that loses nothing, offline photo upload and a realtime poke.
// The contract is documented in docs/sync.md.
//
//	if err := mobilesync.Register(app, mobilesync.DefaultConfig()); err != nil { … }
package mobilesync

import (
	"cmp"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/rowcache"
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
	// PushWriteWait bounds how long a push waits for the database's write connection before
	// answering 503 with Retry-After; zero means 5 seconds.
	PushWriteWait time.Duration
	// OnReadOnlyUpdate, when set, receives an update pushed for a record its user may read
	// but not change (the update rule refuses them whatever the values): it may keep it in
	// another form and return a non-empty id, and the result is StatusSuggested with that id
	// instead of a rejection. It runs in the push transaction; an error rejects the mutation.
	OnReadOnlyUpdate ReadOnlyUpdate
	// ExplainRefusal, when set, names the fields a refused create or update is refused for,
	// as error codes of the i18n catalogue (the REST API's explanations), so that a rejected
	// result carries fieldErrors.
	ExplainRefusal ExplainRefusal
	// Rows keeps the rows the snapshot and the pull write, for their next readers (package
	// rowcache); nil keeps none.
	Rows *rowcache.Cache
	// ReadTx bounds the sync's read transactions running at once; zero means 8. Keep it at
	// most half of the database's connections, so that a reader holding its transaction's
	// connection always finds another free for what a hook may read beside it.
	ReadTx int
}

// ReadOnlyUpdate handles an update of rec pushed by the user of info, who may read rec but
// not change it: fields are the pushed values, seen the values the client based them on.
type ReadOnlyUpdate func(app core.App, info *core.RequestInfo, rec *core.Record, fields, seen map[string]any) (id string, err error)

// ExplainRefusal returns the error code of each refused field of a write the rules refuse
// (method POST for a create, PATCH for an update), or nil when it has none to give.
type ExplainRefusal func(app core.App, info *core.RequestInfo, method, collection, id string, body map[string]any) map[string]string

// DefaultConfig syncs Maillage's collections with their default policies.
func DefaultConfig() Config {
	return Config{
		Collections: []string{
			"categories", "communities", "memberships", "organisations",
			"initiatives", "events", "offers", "bookings",
			"conversations", "messages", "blocks", "conversationReads",
			"threads", "comments", "posts",
			"pages",
			"suggestions",
			"links",
			"reports", "moderationVotes",
			"syncConflicts",
		},
		// A read marker moves with the device that read last; it is no value to keep.
		Policies: map[string]map[string]Policy{"conversationReads": {"lastRead": ClientWins}},
	}
}

// Register installs the change log, the sync routes and the poke on app. The change log and
// the epoch are ensured at once when app is already bootstrapped (test apps), again when it
// serves, and the triggers again after every collection change.
func Register(app core.App, cfg Config) error {
	sv := &service{cfg: cfg, reads: make(chan struct{}, cmp.Or(cfg.ReadTx, 8))}
	if app.IsBootstrapped() {
		if err := sv.ensure(app); err != nil {
			return err
		}
	}
	sv.bindChangeLog(app)
	excludeEpochFromRestore(app)
	app.OnBackupRestore().BindFunc(func(e *core.BackupEvent) error {
		defer cfg.Rows.Clear() // the restored database may hand its seqs out again
		return e.Next()
	})
	bindPoke(app, cfg.Collections)
	bindWarming(app, sv)
	bindPruning(app)
	bindPush(app, cfg)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := sv.ensure(se.App); err != nil {
			return err
		}
		bindAuthCheck(se)
		g := se.Router.Group("/api/sync")
		g.GET("/info", sv.info)
		g.POST("/snapshot", sv.snapshot)
		g.POST("/pull", sv.pull)
		return se.Next()
	})
	return nil
}

// service holds what the sync handlers share: the configuration, and the places of the read
// transactions (readTx).
type service struct {
	cfg   Config
	reads chan struct{}
}

// ensure creates the change log, the triggers and the epoch.
func (sv *service) ensure(app core.App) error {
	if err := ensureChangeLog(app, sv.cfg.Collections); err != nil {
		return err
	}
	if err := ensureClientTables(app); err != nil {
		return err
	}
	return ensureEpoch(app)
}

// bindChangeLog recreates the triggers in the transaction of every collection change, so that
// added, renamed or dropped fields and renamed collections stay logged.
func (sv *service) bindChangeLog(app core.App) {
	after := func(e *core.CollectionEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return ensureChangeLog(e.App, sv.cfg.Collections)
	}
	app.OnCollectionCreate().BindFunc(after)
	app.OnCollectionUpdate().BindFunc(after)
	app.OnCollectionDelete().BindFunc(after)
}
