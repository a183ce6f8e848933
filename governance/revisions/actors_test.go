package revisions_test

import (
	"errors"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/governance/revisions"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// Inside a transaction the save's hook names the writer before the write and the trigger
// writes that name: an attributed save is named at once and left unclaimable; a write that
// fails after the name was given, in a transaction that goes on, leaves no name behind; after
// the transaction, raw SQL on the same record is "sql" again. Control: a name left behind is
// what raw SQL is then attributed to, which the last check would catch.
func TestWriterNamedInsideATransaction(t *testing.T) {
	app := testapp.New(t, server.Config{})
	app.OnRecordCreateExecute(s.Initiatives).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString("name") == "refused" {
			return errors.New("refused by the test")
		}
		return e.Next()
	})
	var id string
	must(t, app.RunInTransaction(func(tx core.App) error {
		id = attributedSave(t, tx, "Jardin des Poireaux", nil)
		attributedSave(t, tx, "refused", errors.New("refused by the test"))
		return nil
	}))
	var source string
	var pending bool
	must(t, app.DB().NewQuery("SELECT source, pending FROM revisions WHERE recordId = {:id}").
		Bind(dbx.Params{"id": id}).Row(&source, &pending))
	if source != "carte-a" || pending {
		t.Errorf("the import's revision: source %q, pending %v; want carte-a, not pending", source, pending)
	}
	var left int
	must(t, app.DB().NewQuery("SELECT count(*) FROM _revisionActors").Row(&left))
	if left != 0 {
		t.Errorf("%d writers still named after the transaction", left)
	}
	if got := rawRename(t, app, id, "Jardin partagé"); got != s.SourceSQL {
		t.Errorf("raw SQL after the transaction attributed to %q, want %q", got, s.SourceSQL)
	}
	_, err := app.DB().NewQuery("INSERT INTO _revisionActors (coll, rid, author, source, pending) VALUES ('initiatives', {:id}, '', 'stale', 0)").
		Bind(dbx.Params{"id": id}).Execute()
	must(t, err)
	if got := rawRename(t, app, id, "Jardin des Poireaux"); got != "stale" {
		t.Errorf("control: raw SQL with a name left behind attributed to %q, want it (stale)", got)
	}
}

// attributedSave saves a new initiative named name in tx as the source carte-a names it,
// expecting the error want, and returns its id.
func attributedSave(t *testing.T, tx core.App, name string, want error) string {
	t.Helper()
	c, err := tx.FindCollectionByNameOrId(s.Initiatives)
	must(t, err)
	rec := core.NewRecord(c)
	rec.Load(map[string]any{"name": name, s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic,
		s.FieldGeo: types.GeoPoint{Lon: 2.358, Lat: 48.936}})
	revisions.Attribute(rec, "carte-a")
	if err := tx.Save(rec); (err == nil) != (want == nil) {
		t.Fatalf("save %q: %v, want %v", name, err, want)
	}
	return rec.Id
}

// rawRename renames the initiative in raw SQL and returns the source of its new revision.
func rawRename(t *testing.T, app core.App, id, name string) string {
	t.Helper()
	_, err := app.DB().NewQuery("UPDATE initiatives SET name = {:n} WHERE id = {:id}").
		Bind(dbx.Params{"n": name, "id": id}).Execute()
	must(t, err)
	revs := history(t, app, s.Initiatives, id)
	return revs[len(revs)-1].Source
}

// A pending revision (a write no request named, which a sync push would claim) is claimable
// only until the next write to a revised collection, however it is made: a save inside or
// outside a transaction, raw SQL, a delete. Control: a write to a table that is not revised
// leaves it pending, which the check sees; removing the settling from any one of the three
// triggers fails the case that writes through it.
func TestPendingRevisionSettledByTheNextWrite(t *testing.T) {
	app := testapp.New(t, server.Config{})
	other := func() string { return attributedSave(t, app, "Autre jardin", nil) }
	// each next write acts on a record saved before the pending one
	next := map[string]func(target string){
		"create": func(string) { other() },
		"create in a transaction": func(string) {
			must(t, app.RunInTransaction(func(tx core.App) error { attributedSave(t, tx, "Jardin", nil); return nil }))
		},
		"raw SQL update": func(target string) { rawRename(t, app, target, "Jardin renommé") },
		"delete":         func(target string) { must(t, app.Delete(mustFind(t, app, target))) },
	}
	for name, write := range next {
		target := other()
		id := unnamedSave(t, app)
		if !isPending(t, app, id) {
			t.Fatalf("%s: an unnamed save's revision is not pending", name)
		}
		write(target)
		if isPending(t, app, id) {
			t.Errorf("%s: the earlier revision is still pending after the next write", name)
		}
	}
	id := unnamedSave(t, app)
	_, err := app.DB().NewQuery("UPDATE _params SET updated = updated").Execute()
	must(t, err)
	if !isPending(t, app, id) {
		t.Error("control: a write outside the revised collections settled the pending revision")
	}
}

// unnamedSave saves a new initiative with no writer named and returns its id.
func unnamedSave(t *testing.T, app core.App) string {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(s.Initiatives)
	must(t, err)
	rec := core.NewRecord(c)
	rec.Load(map[string]any{"name": "Jardin sans nom", s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic,
		s.FieldGeo: types.GeoPoint{Lon: 2.358, Lat: 48.936}})
	must(t, app.Save(rec))
	return rec.Id
}

func isPending(t *testing.T, app core.App, id string) bool {
	t.Helper()
	var pending bool
	must(t, app.DB().NewQuery("SELECT pending FROM revisions WHERE recordId = {:id} ORDER BY rowid DESC LIMIT 1").
		Bind(dbx.Params{"id": id}).Row(&pending))
	return pending
}

func mustFind(t *testing.T, app core.App, id string) *core.Record {
	t.Helper()
	rec, err := app.FindRecordById(s.Initiatives, id)
	must(t, err)
	return rec
}
