package mobilesync

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// The change log: one row per record of a synced collection, rewritten by SQLite triggers in the
// writing transaction. SQLite has one writer, so seq order is commit order and every reader's
// snapshot sees a gap-free prefix of the log, whatever path wrote (REST, batch, dashboard, hooks,
// cascades, migrations, raw SQL).
const (
	changesTable  = "_sync_changes"
	metaTable     = "_sync_meta"
	triggerPrefix = "_sync_trg_"
)

// Ops stored in the change log: a record that exists, or a tombstone.
const (
	logPut    = "put"
	logRemove = "remove"
)

const changeLogDDL = `
CREATE TABLE IF NOT EXISTS _sync_changes (
	seq  INTEGER PRIMARY KEY AUTOINCREMENT,
	coll TEXT NOT NULL,
	rid  TEXT NOT NULL,
	op   TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS idx_sync_changes_record ON _sync_changes (coll, rid);
CREATE TABLE IF NOT EXISTS _sync_meta (
	key   TEXT PRIMARY KEY NOT NULL,
	value TEXT NOT NULL
);`

// factCollections are logged besides the synced collections but never served: a change to a
// user's record (their role) during a snapshot may change what they may read (snapshot.go).
var factCollections = []string{s.Users}

// ensureChangeLog creates the log tables and (re)creates the triggers of every configured
// collection that exists and of the fact collections, dropping triggers left on tables that
// are no longer synced or renamed.
func ensureChangeLog(app core.App, collections []string) error {
	logged := slices.Clone(collections)
	for _, name := range factCollections {
		if !slices.Contains(logged, name) {
			logged = append(logged, name)
		}
	}
	return app.RunInTransaction(func(txApp core.App) error {
		if _, err := txApp.DB().NewQuery(changeLogDDL).Execute(); err != nil {
			return fmt.Errorf("create change log: %w", err)
		}
		if err := dropTriggers(txApp); err != nil {
			return err
		}
		for _, name := range logged {
			c, err := txApp.FindCollectionByNameOrId(name)
			if err != nil {
				// Not created yet (a later migration adds it). No log here: this runs inside
				// the migrations' transactions, where a full log batch waiting for the
				// logs database would block the start for ever.
				continue
			}
			if c.IsView() {
				continue
			}
			if err := createTriggers(txApp, c.Name); err != nil {
				return err
			}
		}
		return nil
	})
}

// dropTriggers removes every change log trigger, so that renamed or unsynced tables lose theirs.
func dropTriggers(app core.App) error {
	var names []string
	err := app.DB().NewQuery("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE {:p} ESCAPE '\\'").
		Bind(dbx.Params{"p": strings.ReplaceAll(triggerPrefix, "_", `\_`) + "%"}).Column(&names)
	if err != nil {
		return fmt.Errorf("list sync triggers: %w", err)
	}
	for _, n := range names {
		if _, err := app.DB().NewQuery("DROP TRIGGER IF EXISTS " + quoteIdent(n)).Execute(); err != nil {
			return fmt.Errorf("drop trigger %s: %w", n, err)
		}
	}
	return nil
}

// createTriggers logs inserts, updates and deletes of table. The bodies reference only id, so
// PocketBase may add, rename and drop the other columns freely.
func createTriggers(app core.App, table string) error {
	t, lit := quoteIdent(table), quoteLiteral(table)
	del := func(ref string) string {
		return "DELETE FROM _sync_changes WHERE coll = " + lit + " AND rid = " + ref + ";"
	}
	ins := func(ref, op string) string {
		return "INSERT INTO _sync_changes (coll, rid, op) VALUES (" + lit + ", " + ref + ", '" + op + "');"
	}
	bodies := map[string]string{
		"ins": "AFTER INSERT ON " + t + " BEGIN " + del("NEW.id") + ins("NEW.id", logPut) + " END",
		"upd": "AFTER UPDATE ON " + t + " BEGIN " + del("OLD.id") + del("NEW.id") +
			" INSERT INTO _sync_changes (coll, rid, op) SELECT " + lit + ", OLD.id, '" + logRemove + "' WHERE OLD.id <> NEW.id;" +
			ins("NEW.id", logPut) + " END",
		"del": "AFTER DELETE ON " + t + " BEGIN " + del("OLD.id") + ins("OLD.id", logRemove) + " END",
	}
	for suffix, body := range bodies {
		name := quoteIdent(triggerPrefix + table + "_" + suffix)
		if _, err := app.DB().NewQuery("CREATE TRIGGER " + name + " " + body).Execute(); err != nil {
			return fmt.Errorf("create trigger on %s: %w", table, err)
		}
	}
	return nil
}

// headSeq returns the last seq the change log handed out (0 for an empty log). It reads the
// AUTOINCREMENT counter, so pruning the newest tombstone never moves the head backwards.
// An app being reset (a backup restore, a shutdown) has no database to read: a poke's timer
// firing then gets an error, not a nil database.
func headSeq(app core.App) (int64, error) {
	if !app.IsBootstrapped() {
		return 0, errors.New("read head seq: the app is not bootstrapped")
	}
	return headSeqOn(app.DB())
}

func headSeqOn(db dbx.Builder) (int64, error) {
	var seq int64
	err := db.NewQuery("SELECT seq FROM sqlite_sequence WHERE name = '" + changesTable + "'").Row(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read head seq: %w", err)
	}
	return seq, nil
}

// recordRev returns the seq of the record's change log row, 0 when it has none.
func recordRev(app core.App, collection, id string) (int64, error) {
	var seq int64
	err := app.DB().NewQuery("SELECT seq FROM _sync_changes WHERE coll = {:c} AND rid = {:r}").
		Bind(dbx.Params{"c": collection, "r": id}).Row(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read rev of %s/%s: %w", collection, id, err)
	}
	return seq, nil
}

func quoteIdent(s string) string   { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func quoteLiteral(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

// RevSQL is an SQL expression of the change log seq of the row of table (a synced collection)
// that the enclosing query reads: the version under which other readers may keep what they
// write of it (package rowcache). NULL when the log has no row for it.
func RevSQL(table string) string {
	return "(SELECT seq FROM " + changesTable + " WHERE coll = " + quoteLiteral(table) +
		" AND rid = " + quoteIdent(table) + ".id)"
}
