package dedup

import (
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/prepared"
)

// keysTable indexes each live record of a mergeable collection by its normalised name,
// website, phone numbers and e-mail addresses, so that Flag finds the records sharing one with
// an indexed lookup rather than a scan. Model hooks keep it in step with every save and delete
// (REST, batch, dashboard, sync, imports), inside the writing transaction.
const keysTable = "_dedup_keys"

// keysVersion marks a table filled by the current keysOf: a table without it (new, or from an
// older key scheme) is rebuilt from the records.
const keysVersion = "v2"

// keysDDL creates the table clustered by (coll, key, rid), which is also the lookup a search
// makes: a key costs two B-tree inserts (the table and the rid index), where a rowid table
// with two indexes cost three, for each key of each record an import saves.
func keysDDL() []string {
	return []string{
		"CREATE TABLE IF NOT EXISTS [[" + keysTable + "]] (coll TEXT NOT NULL, key TEXT NOT NULL, rid TEXT NOT NULL, " +
			"PRIMARY KEY (coll, key, rid)) WITHOUT ROWID",
		"CREATE INDEX IF NOT EXISTS [[" + keysTable + "_rid]] ON [[" + keysTable + "]] (coll, rid)",
	}
}

// dropRowidKeys drops a keys table of the first layout (a rowid table, v1): EnsureKeys then
// creates and fills the current one.
func dropRowidKeys(tx core.App) error {
	var ddl string
	err := tx.DB().NewQuery("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = {:t}").
		Bind(dbx.Params{"t": keysTable}).Row(&ddl)
	if err != nil || strings.Contains(ddl, "WITHOUT ROWID") {
		return nil // none yet, or the current layout
	}
	_, err = tx.DB().NewQuery("DROP TABLE [[" + keysTable + "]]").Execute()
	return err
}

// keysOf lists what identifies s besides its location: "n:" its normalised name (with the day
// for an event), "w:" its websites, "p:" its phones, "e:" its e-mail addresses.
func keysOf(s Subject) []string {
	var keys []string
	if s.Name != "" {
		day := ""
		if !s.Start.IsZero() {
			day = s.Start.UTC().Format("2006-01-02") + ":"
		}
		keys = append(keys, "n:"+day+s.Name)
	}
	for _, group := range []struct {
		prefix string
		values []string
	}{{"w:", s.Websites}, {"p:", s.Phones}, {"e:", s.Emails}} {
		for _, v := range group.values {
			keys = append(keys, group.prefix+v)
		}
	}
	return keys
}

// EnsureKeys creates the keys table when missing and fills it from the records unless it was
// filled by this version already. It is cheap when nothing is to do; Register calls it at
// bootstrap and when serving, and a command that writes records without serving should too.
func EnsureKeys(app core.App) error {
	return app.RunInTransaction(func(tx core.App) error {
		if err := dropRowidKeys(tx); err != nil {
			return fmt.Errorf("dedup keys: %w", err)
		}
		for _, stmt := range keysDDL() {
			if _, err := tx.DB().NewQuery(stmt).Execute(); err != nil {
				return fmt.Errorf("dedup keys: %w", err)
			}
		}
		var n int
		err := tx.DB().NewQuery("SELECT count(*) FROM [[" + keysTable + "]] WHERE coll = '' AND key = {:v}").
			Bind(dbx.Params{"v": keysVersion}).Row(&n)
		if err != nil || n > 0 {
			return err
		}
		return rebuildKeys(tx)
	})
}

// rebuildKeys refills the keys table from every mergeable collection that exists yet.
func rebuildKeys(tx core.App) error {
	if _, err := tx.DB().NewQuery("DELETE FROM [[" + keysTable + "]]").Execute(); err != nil {
		return fmt.Errorf("dedup keys: clear: %w", err)
	}
	for name, p := range profiles {
		if _, err := tx.FindCachedCollectionByNameOrId(name); err != nil {
			return nil // before the migrations: the next start fills the table
		}
		rows, err := selectRows(prepared.In(tx), name, p, "", "", nil)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := insertKeys(tx, name, r.ID, keysOf(subjectOf(r))); err != nil {
				return err
			}
		}
	}
	_, err := tx.DB().NewQuery("INSERT INTO [[" + keysTable + "]] (coll, key, rid) VALUES ('', {:v}, '')").
		Bind(dbx.Params{"v": keysVersion}).Execute()
	return err
}

// writeKeys replaces rec's keys by its current ones (none once it is deleted, merged away or
// private).
func writeKeys(app core.App, rec *core.Record) error {
	if err := deleteKeys(app, rec); err != nil {
		return err
	}
	return addKeys(app, rec)
}

// addKeys indexes the keys of rec, a record that has none yet (a new one, or one whose keys
// were just deleted), unless it may not be flagged.
func addKeys(app core.App, rec *core.Record) error {
	if !eligible(rec) {
		return nil
	}
	name := rec.Collection().Name
	return insertKeys(app, name, rec.Id, keysOf(subjectOf(rowOf(profiles[name], rec))))
}

func insertKeys(app core.App, coll, id string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	values := make([]string, len(keys))
	params := dbx.Params{"c": coll, "id": id}
	for i, k := range keys {
		values[i] = fmt.Sprintf("({:c}, {:k%d}, {:id})", i)
		params[fmt.Sprintf("k%d", i)] = k
	}
	_, err := prepared.Query(app, "INSERT OR IGNORE INTO [["+keysTable+"]] (coll, key, rid) VALUES "+
		strings.Join(values, ", ")).Bind(params).Execute()
	if err != nil {
		return fmt.Errorf("dedup keys of %s: %w", id, err)
	}
	return nil
}

// deleteKeys drops the keys of a deleted record.
func deleteKeys(app core.App, rec *core.Record) error {
	_, err := prepared.Query(app, "DELETE FROM [["+keysTable+"]] WHERE coll = {:c} AND rid = {:id}").
		Bind(dbx.Params{"c": rec.Collection().Name, "id": rec.Id}).Execute()
	if err != nil {
		return fmt.Errorf("dedup keys of %s: %w", rec.Id, err)
	}
	return nil
}
