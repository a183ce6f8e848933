package revisions

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/prepared"
	s "github.com/maillage/maillage/schema"
)

// Attribution inside a transaction: the write connection is already held, so the save's hook
// names its writer in _revisionActors before the write, and the trigger writes that name into
// the revision it inserts. Naming it afterwards rewrote the revision just written, and the one
// the previous write left pending: 1.1 s of the 11 an import of 15,000 records took.
// A write outside a transaction is named afterwards (attributeWrite), and raw SQL, which no
// hook names, keeps the source "sql". A pending revision (a sync push's, until the push
// claims it) is claimable only until the next write: each trigger settles it first
// (settleSQL), in SQLite, which a statement from the hook before every write cost 0.5 s of
// that import.
const actorsTable = "_revisionActors"

var createActorsTable = "CREATE TABLE IF NOT EXISTS " + quoteIdent(actorsTable) + " (coll TEXT NOT NULL, " +
	"rid TEXT NOT NULL, author TEXT NOT NULL, source TEXT NOT NULL, pending INTEGER NOT NULL, " +
	"PRIMARY KEY (coll, rid)) WITHOUT ROWID"

const (
	settleSQL  = "UPDATE revisions SET pending = 0 WHERE pending = 1;"
	nameSQL    = "INSERT OR REPLACE INTO " + actorsTable + " (coll, rid, author, source, pending) VALUES ({:c}, {:id}, {:a}, {:s}, {:p})"
	unnameSQL  = "DELETE FROM " + actorsTable + " WHERE coll = {:c} AND rid = {:id}"
	actorAlias = "a"
)

// actorJoin joins the trigger's row ref to the writer its hook named, if any.
func actorJoin(c *core.Collection, ref string) string {
	return " LEFT JOIN " + quoteIdent(actorsTable) + " AS " + actorAlias + " ON " + actorAlias + ".coll = " +
		quoteLiteral(c.Name) + " AND " + actorAlias + ".rid = " + ref + ".id"
}

// actorColumns are the revision's author, source and pending as the trigger writes them: the
// named writer's, else nobody's, from raw SQL, not pending.
func actorColumns() (author, source, pending string) {
	return "coalesce(" + actorAlias + ".author, '')", "coalesce(" + actorAlias + ".source, " + quoteLiteral(s.SourceSQL) + ")",
		"coalesce(" + actorAlias + ".pending, 0)"
}

// attributeInTransaction names the writer of e's record, runs the write, and forgets the name.
func attributeInTransaction(e *core.RecordEvent) error {
	a, requested := writer(e.Record)
	params := dbx.Params{"c": e.Record.Collection().Name, "id": e.Record.Id, "a": a.author, "s": a.source, "p": !requested}
	if _, err := prepared.Query(e.App, nameSQL).Bind(params).Execute(); err != nil {
		return fmt.Errorf("name the writer of %s: %w", e.Record.Id, err)
	}
	err := e.Next()
	// forgotten even when the write failed: the transaction may go on (an import skips a refused item)
	if _, unnameErr := prepared.Query(e.App, unnameSQL).Bind(params).Execute(); err == nil && unnameErr != nil {
		err = fmt.Errorf("forget the writer of %s: %w", e.Record.Id, unnameErr)
	}
	return err
}
