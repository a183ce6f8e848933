package mobilesync_test

import (
	"net/http"
	"slices"
	"sort"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// expectLog runs write and checks that it left exactly the want rows ("coll/id op") in the
// change log, each with a seq above the head before the write, in strictly increasing order.
func expectLog(t *testing.T, app core.App, what string, write func() []string) {
	t.Helper()
	before := logHead(t, app)
	want := write()
	rows := logAfter(t, app, before)
	got := make([]string, len(rows))
	for i, r := range rows {
		got[i] = r.String()
		if i > 0 && r.Seq <= rows[i-1].Seq {
			t.Errorf("%s: seq %d after %d", what, r.Seq, rows[i-1].Seq)
		}
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: change log got %v, want %v", what, got, want)
	}
}

// Every write path leaves exactly one change per record it wrote: REST, superuser, batch
// API, a hook's save, cascade delete, raw SQL and a migration's transaction.
func TestEveryWritePathIsLogged(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	app := srv.App
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	root := srv.Superuser(t, "root@example.org")
	in := func(id, op string) string { return s.Initiatives + "/" + id + " " + op }
	var id string

	expectLog(t, app, "REST create", func() []string {
		id = restCreate(t, fac, s.Initiatives, content(s.Initiatives, fac.ID(), s.VisibilityPublic))
		return []string{in(id, "put")}
	})
	expectLog(t, app, "REST update", func() []string {
		restUpdate(t, fac, s.Initiatives, id, map[string]any{"name": "Jardin 2"})
		return []string{in(id, "put")}
	})
	expectLog(t, app, "superuser update", func() []string {
		restUpdate(t, root, s.Initiatives, id, map[string]any{"name": "Jardin 3"})
		return []string{in(id, "put")}
	})
	expectLog(t, app, "REST delete", func() []string {
		fac.MustCall(t, http.MethodDelete, "/api/collections/initiatives/records/"+id, nil, nil)
		return []string{in(id, "remove")}
	})
	testBatchIsLogged(t, app, fac)
	testHookSaveIsLogged(t, app, fac)
	testCascadeIsLogged(t, app, fac)
	testRawSQLIsLogged(t, app, fac)
	expectLog(t, app, "migration transaction", func() []string {
		var ids []string
		err := app.RunInTransaction(func(tx core.App) error {
			for range 2 {
				r := newContent(t, tx, s.Initiatives, fac.ID(), s.VisibilityPublic)
				ids = append(ids, in(r.Id, "put"))
			}
			return nil
		})
		if err != nil {
			t.Fatalf("migration transaction: %v", err)
		}
		return ids
	})
}

func testBatchIsLogged(t *testing.T, app core.App, fac *synctest.User) {
	t.Helper()
	old := newContent(t, app, s.Initiatives, fac.ID(), s.VisibilityPublic)
	expectLog(t, app, "batch API", func() []string {
		a, b := synctest.NewID(), synctest.NewID()
		fa, fb := content(s.Initiatives, fac.ID(), s.VisibilityPublic), content(s.Initiatives, fac.ID(), s.VisibilityPublic)
		fa["id"], fb["id"] = a, b
		req := map[string]any{"requests": []map[string]any{
			{"method": "POST", "url": "/api/collections/initiatives/records", "body": fa},
			{"method": "POST", "url": "/api/collections/initiatives/records", "body": fb},
			{"method": "PATCH", "url": "/api/collections/initiatives/records/" + old.Id, "body": map[string]any{"name": "Batch"}},
		}}
		fac.MustCall(t, http.MethodPost, "/api/batch", req, nil)
		return []string{"initiatives/" + a + " put", "initiatives/" + b + " put", "initiatives/" + old.Id + " put"}
	})
}

// testHookSaveIsLogged binds a hook that touches an initiative whenever an event is created.
func testHookSaveIsLogged(t *testing.T, app core.App, fac *synctest.User) {
	t.Helper()
	touched := newContent(t, app, s.Initiatives, fac.ID(), s.VisibilityPublic)
	app.OnRecordAfterCreateSuccess(s.Events).BindFunc(func(e *core.RecordEvent) error {
		r, err := e.App.FindRecordById(s.Initiatives, touched.Id)
		if err != nil {
			return err
		}
		r.Set("description", "event "+e.Record.Id)
		if err := e.App.Save(r); err != nil {
			return err
		}
		return e.Next()
	})
	expectLog(t, app, "hook save", func() []string {
		ev := newContent(t, app, s.Events, fac.ID(), s.VisibilityPublic)
		return []string{"events/" + ev.Id + " put", "initiatives/" + touched.Id + " put"}
	})
}

func testCascadeIsLogged(t *testing.T, app core.App, fac *synctest.User) {
	t.Helper()
	comm := testapp.NewRecord(t, app, s.Communities, map[string]any{"name": "Quartier", "owner": fac.ID()})
	founder, err := app.FindFirstRecordByData(s.Memberships, "community", comm.Id) // the owner, a coordinator
	if err != nil {
		t.Fatalf("founder's membership: %v", err)
	}
	want := []string{"memberships/" + founder.Id + " remove"}
	for _, email := range []string{"m1@example.org", "m2@example.org"} {
		u, _ := testapp.NewUser(t, app, email, s.RoleResident)
		m := testapp.NewRecord(t, app, s.Memberships, map[string]any{"community": comm.Id, "user": u.Id, "role": "member"})
		want = append(want, "memberships/"+m.Id+" remove")
	}
	expectLog(t, app, "cascade delete", func() []string {
		fac.MustCall(t, http.MethodDelete, "/api/collections/communities/records/"+comm.Id, nil, nil)
		return append(want, "communities/"+comm.Id+" remove")
	})
}

func testRawSQLIsLogged(t *testing.T, app core.App, fac *synctest.User) {
	t.Helper()
	r := newContent(t, app, s.Initiatives, fac.ID(), s.VisibilityPublic)
	raw := func(q string) {
		if _, err := app.DB().NewQuery(q).Bind(dbx.Params{"id": r.Id}).Execute(); err != nil {
			t.Fatalf("raw SQL %q: %v", q, err)
		}
	}
	expectLog(t, app, "raw SQL update", func() []string {
		raw("UPDATE initiatives SET name = 'SQL' WHERE id = {:id}")
		return []string{"initiatives/" + r.Id + " put"}
	})
	expectLog(t, app, "raw SQL delete", func() []string {
		raw("DELETE FROM initiatives WHERE id = {:id}")
		return []string{"initiatives/" + r.Id + " remove"}
	})
}

// The triggers follow schema changes: adding, renaming and dropping a field and renaming a
// collection (to a configured name: it is logged under the new name; to a name that is not
// synced: nothing is logged any more, under either name).
func TestTriggersSurviveSchemaChanges(t *testing.T) {
	cfg := ms.DefaultConfig()
	cfg.Collections = append(cfg.Collections, "notes", "memos")
	srv := synctest.Start(t, server.Config{Sync: cfg})
	app := srv.App
	notes := core.NewBaseCollection("notes")
	notes.Fields.Add(&core.TextField{Name: "body"})
	mustSaveCollection(t, app, notes)
	write := func(coll string, fields map[string]any) func() []string {
		return func() []string {
			r := testapp.NewRecord(t, app, coll, fields)
			return []string{coll + "/" + r.Id + " put"}
		}
	}
	expectLog(t, app, "new collection", write("notes", map[string]any{"body": "a"}))

	notes.Fields.Add(&core.TextField{Name: "title"})
	mustSaveCollection(t, app, notes)
	expectLog(t, app, "after adding a field", write("notes", map[string]any{"title": "b"}))

	notes.Fields.GetByName("title").SetName("heading")
	mustSaveCollection(t, app, notes)
	expectLog(t, app, "after renaming a field", write("notes", map[string]any{"heading": "c"}))

	notes.Fields.RemoveByName("heading")
	mustSaveCollection(t, app, notes)
	expectLog(t, app, "after dropping a field", write("notes", map[string]any{"body": "d"}))

	notes.Name = "memos"
	mustSaveCollection(t, app, notes)
	expectLog(t, app, "after renaming the collection", write("memos", map[string]any{"body": "e"}))

	notes.Name = "scraps"
	mustSaveCollection(t, app, notes)
	expectLog(t, app, "after renaming to an unsynced name", func() []string {
		testapp.NewRecord(t, app, "scraps", map[string]any{"body": "f"})
		return nil
	})
}

func mustSaveCollection(t *testing.T, app core.App, c *core.Collection) {
	t.Helper()
	if err := app.Save(c); err != nil {
		t.Fatalf("save collection %s: %v", c.Name, err)
	}
}
