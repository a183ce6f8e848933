package revisions

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/prepared"
	s "github.com/maillage/maillage/schema"
)

// Attribution: the triggers write a revision with the source "sql" unless a write through
// PocketBase names who wrote it. An API request (REST, batch, the dashboard) marks its
// record with its requester before the save; the save's execute hook names it, or the
// source of a write without a request (a merge, an import, a server job): inside a
// transaction before the write, for the trigger to write (actors.go), otherwise on the
// revision the write produced. A sync push's revision stays pending until the push stores
// the mutation's result, when the sync claim trigger names the device's person.

// actorKey is the custom data key under which a request marks the record it writes.
const actorKey = "@revisionActor"

// actor is who wrote a change: a person, or a source.
type actor struct {
	author string
	source string
}

// bindAttribution binds the request and execute hooks of the revised collections.
func bindAttribution(app core.App) {
	mark := func(e *core.RecordRequestEvent) error {
		e.Record.Set(actorKey, requester(e.Auth))
		return e.Next()
	}
	app.OnRecordCreateRequest(s.Revised...).BindFunc(mark)
	app.OnRecordUpdateRequest(s.Revised...).BindFunc(mark)
	app.OnRecordDeleteRequest(s.Revised...).BindFunc(mark)
	app.OnRecordCreateExecute(s.Revised...).BindFunc(attributeWrite)
	app.OnRecordUpdateExecute(s.Revised...).BindFunc(attributeWrite)
	app.OnRecordDeleteExecute(s.Revised...).BindFunc(attributeWrite)
}

// Attribute names source as the writer of rec's next save, as a request names its requester:
// a bulk writer (an import) that says who it is leaves no revision for a sync push to claim,
// so the next write has none to settle.
func Attribute(rec *core.Record, source string) {
	rec.Set(actorKey, actor{source: source})
}

// requester is the actor of an API request: a person, or the dashboard for a superuser.
func requester(auth *core.Record) actor {
	switch {
	case auth == nil:
		return actor{source: s.SourceSystem}
	case auth.IsSuperuser():
		return actor{source: s.SourceDashboard}
	default:
		return actor{author: auth.Id}
	}
}

// attributeWrite names the writer before a write inside a transaction; otherwise it runs the
// write, then names its author on the revision it produced: the record's latest revision,
// still unattributed, stamped with the record's updated. It asks for the write connection only
// after the write (PocketBase stamps updated before waiting for it, and the sync's change log
// relies on that order).
func attributeWrite(e *core.RecordEvent) error {
	if e.App.IsTransactional() && e.Record.Id != "" {
		return attributeInTransaction(e)
	}
	if err := e.Next(); err != nil {
		return err
	}
	a, requested := writer(e.Record)
	c := e.Record.Collection().Name
	_, err := prepared.Query(e.App, "UPDATE revisions SET author = {:a}, source = {:s}, pending = {:p}"+
		" WHERE rowid = (SELECT max(rowid) FROM revisions WHERE collection = {:c} AND recordId = {:id})"+
		" AND source = {:sql} AND author = '' AND recordUpdated = {:stamp}").
		Bind(dbx.Params{"a": a.author, "s": a.source, "p": !requested, "c": c, "id": e.Record.Id,
			"sql": s.SourceSQL, "stamp": e.Record.GetString(s.FieldUpdated)}).Execute()
	if err != nil {
		return fmt.Errorf("attribute revision of %s/%s: %w", c, e.Record.Id, err)
	}
	return nil
}

// writer is who wrote rec: the requester that marked it, else what the write shows (a merge
// changes the provenance, an import writes a record of its source), else the system.
func writer(rec *core.Record) (actor, bool) {
	if a, ok := rec.Get(actorKey).(actor); ok {
		return a, true
	}
	if orig := rec.Original(); changed(orig, rec, s.FieldProvenance) || changed(orig, rec, s.FieldMergedInto) {
		return actor{source: s.SourceMerge}, false
	}
	if src := rec.GetString(s.FieldSource); src != "" {
		return actor{source: src}, false
	}
	return actor{source: s.SourceSystem}, false
}

// changed reports whether rec has field and its value differs from orig, the stored one.
func changed(orig, rec *core.Record, field string) bool {
	if rec.Collection().Fields.GetByName(field) == nil {
		return false
	}
	return fmt.Sprint(orig.Get(field)) != fmt.Sprint(rec.Get(field))
}
