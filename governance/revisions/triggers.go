package revisions

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// The net that never misses: SQLite triggers on every revised table write a revision, with
// each changed column's before and after, in the statement that changes the row, whatever
// issued it (PocketBase, a hook, a cascade, a migration, raw SQL). They name no author and the
// source "sql"; the hooks of attribute.go then name who wrote a PocketBase write. The trigger
// bodies list the columns, so they are re-created after every collection change.
const triggerPrefix = "_rev_trg_"

// systemFields are never part of a revision's changes.
var systemFields = map[string]bool{core.FieldNameId: true, s.FieldCreated: true, s.FieldUpdated: true}

// accessFields are copied from the record onto its revisions for the read rules.
var accessFields = []string{s.FieldVisibility, s.FieldCommunity, s.FieldStatus, s.FieldDeleted}

// ensureTriggers drops every revision trigger and creates those of the revised collections
// that exist, and the sync claim trigger once the sync tables exist.
func ensureTriggers(app core.App) error {
	return app.RunInTransaction(func(tx core.App) error {
		if _, err := tx.DB().NewQuery(createActorsTable).Execute(); err != nil {
			return fmt.Errorf("create %s: %w", actorsTable, err)
		}
		if err := dropTriggers(tx); err != nil {
			return err
		}
		revs, err := tx.FindCollectionByNameOrId(s.Revisions)
		if err != nil {
			return nil // before the migration that creates it
		}
		hasStamp := revs.Fields.GetByName(s.FieldRevisionStamp) != nil
		for _, name := range s.Revised {
			c, err := tx.FindCollectionByNameOrId(name)
			if err != nil || c.IsView() {
				continue
			}
			if err := createTriggers(tx, c, hasStamp); err != nil {
				return err
			}
		}
		return createSyncClaim(tx)
	})
}

// dropTriggers removes every trigger of this package.
func dropTriggers(app core.App) error {
	var names []string
	err := app.DB().NewQuery(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '\_rev\_trg\_%' ESCAPE '\'`).
		Column(&names)
	if err != nil {
		return fmt.Errorf("list revision triggers: %w", err)
	}
	for _, n := range names {
		if _, err := app.DB().NewQuery("DROP TRIGGER IF EXISTS " + quoteIdent(n)).Execute(); err != nil {
			return fmt.Errorf("drop trigger %s: %w", n, err)
		}
	}
	return nil
}

// createTriggers creates the insert, update and delete triggers of collection c.
func createTriggers(app core.App, c *core.Collection, hasStamp bool) error {
	t := quoteIdent(c.Name)
	bodies := map[string]string{
		"ins": "AFTER INSERT ON " + t + " BEGIN " + settleSQL + insertRevision(c, "", "NEW", s.RevisionCreate, hasStamp) + " END",
		"upd": "AFTER UPDATE ON " + t + " BEGIN " + settleSQL + followAccess(c) + insertRevision(c, "OLD", "NEW", s.RevisionUpdate, hasStamp) + " END",
		"del": "AFTER DELETE ON " + t + " BEGIN " + settleSQL + deletedAccess(c) + insertRevision(c, "OLD", "", s.RevisionDelete, hasStamp) + " END",
	}
	for suffix, body := range bodies {
		name := quoteIdent(triggerPrefix + c.Name + "_" + suffix)
		if _, err := app.DB().NewQuery("CREATE TRIGGER " + name + " " + body).Execute(); err != nil {
			return fmt.Errorf("create revision trigger on %s: %w", c.Name, err)
		}
	}
	return nil
}

// insertRevision is the statement that writes one revision of the row from old to new (either
// may be "" for a create or delete), skipped when no field but the system ones changed.
func insertRevision(c *core.Collection, old, new, op string, hasStamp bool) string {
	row := new
	if row == "" {
		row = old
	}
	cols := []string{"id", s.FieldRevisionCollection, s.FieldRevisionRecord, s.FieldRevisionOp,
		s.FieldRevisionAuthor, s.FieldRevisionSource, s.FieldRevisionChanges, s.FieldRevisionPending,
		s.FieldRevisionRecordAuthor, s.FieldCreated, s.FieldUpdated}
	if hasStamp {
		cols = append(cols, s.FieldRevisionStamp)
	}
	author, source, pending := actorColumns()
	vals := []string{"substr(lower(hex(randomblob(8))), 1, 15)", quoteLiteral(c.Name), row + ".id",
		quoteLiteral(op), author, source, "ch", pending,
		column(c, row, s.FieldAuthor, "''"), "strftime('%Y-%m-%d %H:%M:%fZ', 'now')", "strftime('%Y-%m-%d %H:%M:%fZ', 'now')"}
	if hasStamp {
		vals = append(vals, column(c, row, s.FieldUpdated, "''"))
	}
	for _, f := range accessFields {
		cols = append(cols, f)
		vals = append(vals, column(c, row, f, accessDefault(f)))
	}
	if op == s.RevisionDelete {
		vals[len(vals)-1] = "1" // deleted: only the author and moderators read its history
	}
	// LIMIT keeps SQLite from copying the changes into the WHERE clause: it would compile and
	// evaluate them twice.
	return "INSERT INTO " + quoteIdent(s.Revisions) + " (" + strings.Join(quoteAll(cols), ", ") + ") SELECT " +
		strings.Join(vals, ", ") + " FROM (SELECT " + changesExpr(c, old, new) + " AS ch LIMIT 1)" + actorJoin(c, row) +
		" WHERE ch <> '{}';"
}

// followAccess keeps the copied access fields of a record's revisions equal to the record's
// own, so that its whole history is read by who may read the record now.
func followAccess(c *core.Collection) string {
	var set, changed []string
	for _, f := range accessFields {
		if c.Fields.GetByName(f) == nil {
			continue
		}
		set = append(set, quoteIdent(f)+" = NEW."+quoteIdent(f))
		changed = append(changed, "OLD."+quoteIdent(f)+" IS NOT NEW."+quoteIdent(f))
	}
	if c.Fields.GetByName(s.FieldAuthor) != nil {
		set = append(set, quoteIdent(s.FieldRevisionRecordAuthor)+" = NEW."+quoteIdent(s.FieldAuthor))
		changed = append(changed, "OLD."+quoteIdent(s.FieldAuthor)+" IS NOT NEW."+quoteIdent(s.FieldAuthor))
	}
	if len(set) == 0 {
		return ""
	}
	return "UPDATE " + quoteIdent(s.Revisions) + " SET " + strings.Join(set, ", ") + " WHERE " + recordMatch(c, "NEW") +
		" AND (" + strings.Join(changed, " OR ") + ");"
}

// deletedAccess marks the history of a deleted row as deleted.
func deletedAccess(c *core.Collection) string {
	return "UPDATE " + quoteIdent(s.Revisions) + " SET " + quoteIdent(s.FieldDeleted) + " = 1 WHERE " + recordMatch(c, "OLD") + ";"
}

func recordMatch(c *core.Collection, ref string) string {
	return quoteIdent(s.FieldRevisionCollection) + " = " + quoteLiteral(c.Name) + " AND " +
		quoteIdent(s.FieldRevisionRecord) + " = " + ref + ".id"
}

// column is ref's value of field name, or def when c has no such field.
func column(c *core.Collection, ref, name, def string) string {
	if c.Fields.GetByName(name) == nil {
		return def
	}
	return ref + "." + quoteIdent(name)
}

func accessDefault(field string) string {
	switch field {
	case s.FieldVisibility:
		return quoteLiteral(s.VisibilityPublic)
	case s.FieldStatus:
		return quoteLiteral(s.StatusPublished)
	case s.FieldDeleted:
		return "0"
	}
	return "''"
}

// createSyncClaim attributes to the sync, and to the pushing device's person, the revision a
// sync push wrote: the push stores each mutation's result (naming the record) in the same
// transaction right after the write, while its revision is still pending.
func createSyncClaim(app core.App) error {
	var n int
	if err := app.DB().NewQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('_sync_mutations', '_sync_clients')").
		Row(&n); err != nil || n < 2 {
		return err
	}
	q := "CREATE TRIGGER " + triggerPrefix + "sync_claim AFTER INSERT ON _sync_mutations BEGIN UPDATE " + quoteIdent(s.Revisions) +
		" SET source = " + quoteLiteral(s.SourceSync) + ", pending = 0, author = coalesce((SELECT user FROM _sync_clients WHERE clientId = NEW.clientId), '')" +
		" WHERE pending = 1 AND collection = json_extract(NEW.result, '$.c') AND recordId = json_extract(NEW.result, '$.id'); END"
	_, err := app.DB().NewQuery(q).Execute()
	return err
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = quoteIdent(n)
	}
	return out
}

func quoteIdent(v string) string   { return `"` + strings.ReplaceAll(v, `"`, `""`) + `"` }
func quoteLiteral(v string) string { return `'` + strings.ReplaceAll(v, `'`, `''`) + `'` }
