package mobilesync_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// A snapshot read in pages while others write keeps the snapshotSeq of its first page, and
// the pull from its cursor brings every write made meanwhile, wherever its id falls: the
// device converges to what the REST API lists. Negative control: the pages alone are stale.
func TestSnapshotPagesWithWritesBetween(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	alice := srv.NewUser(t, "alice@example.org", s.RoleResident)
	for range 7 {
		newContent(t, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic)
	}
	hidden := newContent(t, srv.App, s.Initiatives, alice.ID(), s.VisibilityPrivate)
	reader := srv.Anonymous()

	req := ms.SnapshotRequest{Collection: s.Initiatives, Limit: 3}
	first := reader.Snapshot(t, req)
	if first.Done || len(first.Records) != 3 || first.SnapshotSeq != logHead(t, srv.App) {
		t.Fatalf("first page: %d records, done %v, snapshotSeq %d; want 3, not done, the head", len(first.Records), first.Done, first.SnapshotSeq)
	}
	pages := []ms.SnapshotResponse{first}
	early := first.Records[0].ID
	save(t, srv.App, s.Initiatives, early, map[string]any{"name": "changed after its page"})
	newFirst := content(s.Initiatives, fac.ID(), s.VisibilityPublic)
	newFirst["id"] = "000000000000000" // sorts before every page already read
	testapp.NewRecord(t, srv.App, s.Initiatives, newFirst)
	last := lastID(t, srv, s.Initiatives)
	srv.App.Delete(mustFind(t, srv, s.Initiatives, last)) //nolint:errcheck // checked by the pull below

	req.SnapshotSeq, req.AfterID = first.SnapshotSeq, first.NextAfterID
	for page := first; !page.Done; {
		page = reader.Snapshot(t, req)
		if page.SnapshotSeq != first.SnapshotSeq {
			t.Fatalf("snapshotSeq moved from %d to %d", first.SnapshotSeq, page.SnapshotSeq)
		}
		pages = append(pages, page)
		req.AfterID = page.NextAfterID
	}
	rep := replica{}
	for _, p := range pages {
		for _, r := range p.Records {
			if r.ID == hidden.Id {
				t.Fatalf("the anonymous snapshot holds alice's private row")
			}
			rep[r.ID] = updatedOf(t, r.R)
		}
	}
	if rep.diffREST(t, reader, s.Initiatives) == nil {
		t.Fatalf("negative control: the pages alone already match the REST API; the writes between pages were not exercised")
	}
	rep.apply(t, reader.PullAll(t, pages[len(pages)-1].Cursor).Changes, s.Initiatives, false)
	if err := rep.diffREST(t, reader, s.Initiatives); err != nil {
		t.Error(err)
	}
}

// Bad snapshot requests get a 400 that says what to do.
func TestSnapshotRefusesBadRequests(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	u := srv.Anonymous()
	head := u.Info(t).HeadSeq
	for name, c := range map[string]struct {
		body any
		want string
	}{
		"not JSON":          {"{", "n'est pas du JSON valide"},
		"unsynced":          {ms.SnapshotRequest{Collection: s.Users}, "n'est pas synchronisée"},
		"snapshotSeq ahead": {ms.SnapshotRequest{Collection: s.Initiatives, SnapshotSeq: head + 5}, "recommencez l'instantané"},
		"negative seq":      {ms.SnapshotRequest{Collection: s.Initiatives, SnapshotSeq: -1}, "recommencez l'instantané"},
	} {
		status, body, err := u.Call(http.MethodPost, "/api/sync/snapshot", c.body)
		if err != nil || status != http.StatusBadRequest || !strings.Contains(string(body), c.want) {
			t.Errorf("%s: status %d body %s err %v, want 400 mentioning %q", name, status, body, err, c.want)
		}
	}
}

// lastID is the highest id of the public records of coll.
func lastID(t *testing.T, srv *synctest.Srv, coll string) string {
	t.Helper()
	var id string
	if err := srv.App.DB().NewQuery("SELECT max(id) FROM " + coll + " WHERE visibility = 'public'").Row(&id); err != nil {
		t.Fatalf("last id of %s: %v", coll, err)
	}
	return id
}
