package mobilesync_test

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// A row the snapshot and the pull keep as written (the row cache) is served only at the rev it
// was written at: after an update through REST, an UPDATE in SQL (its trigger moves the rev),
// and a field added to the collection, both show the row as REST does, twice in a row (the
// second time from the cache).
func TestCachedRowsFollowEveryChange(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	admin := srv.Superuser(t, "root@example.org")
	author := srv.NewUser(t, "author@example.org", s.RoleFacilitator)
	cursor := admin.PullAll(t, "", s.Initiatives).Cursor
	id := restCreate(t, author, s.Initiatives, content(s.Initiatives, author.ID(), s.VisibilityPublic))
	wantServedAsREST(t, admin, id, cursor)
	restUpdate(t, author, s.Initiatives, id, map[string]any{"name": "Renommé par REST"})
	wantServedAsREST(t, admin, id, cursor)
	execSQL(t, srv.App, "UPDATE initiatives SET name = 'Renommé en SQL' WHERE id = {:id}", id)
	if got := decoded(t, snapshotted(t, admin, id).R)["name"]; got != "Renommé en SQL" {
		t.Fatalf("after an UPDATE in SQL the snapshot shows name %v", got)
	}
	wantServedAsREST(t, admin, id, cursor)
	c, err := srv.App.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		t.Fatal(err)
	}
	c.Fields.Add(&core.TextField{Name: "devise"})
	if err := srv.App.Save(c); err != nil {
		t.Fatal(err)
	}
	if _, ok := decoded(t, snapshotted(t, admin, id).R)["devise"]; !ok {
		t.Fatal("after a field was added the snapshot serves the row without it")
	}
	wantServedAsREST(t, admin, id, cursor)
}

// Negative control: with the change log's update trigger dropped, an UPDATE moves no rev and
// the snapshot serves the row it kept, so the test above does see the cache and would catch a
// cache keyed on something writes do not move (and so does the leak check every sync test
// runs); with the cache off, the same UPDATE shows.
func TestCachedRowsControlRevThatDoesNotMove(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cfg   server.Config
		stale bool
	}{{"cache on", server.Config{}, true}, {"cache off", server.Config{RowCacheBytes: -1}, false}} {
		srv := synctest.Start(t, tc.cfg)
		admin := srv.Superuser(t, "root@example.org")
		author := srv.NewUser(t, "author@example.org", s.RoleFacilitator)
		id := restCreate(t, author, s.Initiatives, content(s.Initiatives, author.ID(), s.VisibilityPublic))
		before := decoded(t, snapshotted(t, admin, id).R)["name"]
		execSQL(t, srv.App, "DROP TRIGGER _sync_trg_initiatives_upd", "")
		execSQL(t, srv.App, "UPDATE initiatives SET name = 'Sans trace' WHERE id = {:id}", id)
		raw := uncheckedRow(t, admin, id)
		got := decoded(t, raw)["name"]
		if stale := got == before; stale != tc.stale {
			t.Errorf("%s: the snapshot shows name %v after an UPDATE that moved no rev (before: %v)", tc.name, got, before)
		}
		recs := synctest.Records{}
		recs.Add(s.Initiatives, id, raw)
		if caught := admin.CheckReadable(recs) != nil; caught != tc.stale {
			t.Errorf("%s: the sync tests' leak check caught the stale row: %v", tc.name, caught)
		}
	}
}

// uncheckedRow returns the snapshot's row of the initiative id without the leak check.
func uncheckedRow(t *testing.T, u *synctest.User, id string) []byte {
	t.Helper()
	var page ms.SnapshotResponse
	u.MustCall(t, http.MethodPost, "/api/sync/snapshot", ms.SnapshotRequest{Collection: s.Initiatives, Limit: 1000}, &page)
	for _, r := range page.Records {
		if r.ID == id {
			return r.R
		}
	}
	t.Fatalf("%s is not in the snapshot", id)
	return nil
}

// wantServedAsREST requires the snapshot and a pull from cursor to show id as REST does, twice.
func wantServedAsREST(t *testing.T, admin *synctest.User, id, cursor string) {
	t.Helper()
	rest := restView(t, admin, s.Initiatives, id)
	for range 2 {
		if got := decoded(t, snapshotted(t, admin, id).R); !reflect.DeepEqual(got, rest) {
			t.Fatalf("the snapshot shows\n%v\nREST\n%v", got, rest)
		}
		if got := decoded(t, pulledPut(t, admin.PullAll(t, cursor, s.Initiatives).Changes, id).R); !reflect.DeepEqual(got, rest) {
			t.Fatalf("the pull shows\n%v\nREST\n%v", got, rest)
		}
	}
}

// snapshotted returns the snapshot's row of the initiative id.
func snapshotted(t *testing.T, u *synctest.User, id string) ms.SnapshotRecord {
	t.Helper()
	for _, r := range u.SnapshotAll(t, s.Initiatives, 1000).Records {
		if r.ID == id {
			return r
		}
	}
	t.Fatalf("%s is not in the snapshot", id)
	return ms.SnapshotRecord{}
}

func execSQL(t *testing.T, app core.App, sql, id string) {
	t.Helper()
	if _, err := app.DB().NewQuery(sql).Bind(dbx.Params{"id": id}).Execute(); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}
