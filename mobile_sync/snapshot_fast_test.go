package mobilesync_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// firstID sorts before every id PocketBase generates, so a snapshot's first row is this one.
const firstID = "000000000000001"

// For every synced collection that the snapshot writes straight from its columns, a record
// with every field filled with testapp.Awkward values (HTML and control characters, U+2028, numbers
// in exponent form, JSON with spaces, multiple relations, files and selects) comes out of the
// snapshot and out of a pull as the REST API shows it, with the same rev. The collections
// with an enrich hook keep the slow path.
func TestFastSnapshotRowsEqualREST(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	admin := srv.Superuser(t, "root@example.org")
	for _, coll := range ms.DefaultConfig().Collections {
		c, err := srv.App.FindCollectionByNameOrId(coll)
		if err != nil {
			t.Fatalf("synced collection %s: %v", coll, err)
		}
		if fast := ms.HasFastPath(c); fast == s.IsBlurred(coll) {
			t.Fatalf("%s: fast path %v, but blurred %v: only enriched collections keep the slow path", coll, fast, s.IsBlurred(coll))
		}
		if !ms.HasFastPath(c) {
			continue
		}
		cursor := admin.PullAll(t, "", coll).Cursor
		saveFilled(t, srv.App, c)
		page := admin.Snapshot(t, ms.SnapshotRequest{Collection: coll, Limit: 1})
		if len(page.Records) != 1 || page.Records[0].ID != firstID {
			t.Fatalf("%s: snapshot page %+v, want the filled record first", coll, page.Records)
		}
		rest := restView(t, admin, coll, firstID)
		if got := decoded(t, page.Records[0].R); !reflect.DeepEqual(got, rest) {
			t.Errorf("%s: the snapshot writes\n%v\nREST shows\n%v", coll, got, rest)
		}
		change := pulledPut(t, admin.PullAll(t, cursor, coll).Changes, firstID)
		if got := decoded(t, change.R); !reflect.DeepEqual(got, rest) || change.Rev != page.Records[0].Rev || change.Rev == 0 {
			t.Errorf("%s: the pull writes rev %d\n%v\nthe snapshot rev %d, REST shows\n%v", coll, change.Rev, got, page.Records[0].Rev, rest)
		}
	}
}

// Negative control: the column writer, forced on offers (whose location a hook blurs for
// everyone but the author), differs from what REST shows another user, so the comparison
// above would catch a collection with an enrich hook taken down the fast path; and the real
// snapshot of offers, on the slow path, equals REST.
func TestFastPathControlBlurredOffer(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	author := srv.NewUser(t, "author@example.org", s.RoleFacilitator)
	other := srv.NewUser(t, "other@example.org", s.RoleResident)
	fields := content(s.Offers, author.ID(), s.VisibilityPublic)
	fields[s.FieldGeo] = map[string]any{"lon": 2.3601, "lat": 48.9362}
	offer := restCreate(t, author, s.Offers, fields)
	rest := restView(t, other, s.Offers, offer)
	offers, err := srv.App.FindCollectionByNameOrId(s.Offers)
	if err != nil {
		t.Fatal(err)
	}
	forced, err := ms.ColumnJSON(srv.App, offers, offer)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(decoded(t, forced), rest) {
		t.Fatal("control: the column JSON of a blurred offer equals what REST shows another user")
	}
	page := other.Snapshot(t, ms.SnapshotRequest{Collection: s.Offers})
	if len(page.Records) != 1 || !reflect.DeepEqual(decoded(t, page.Records[0].R), rest) {
		t.Fatalf("the snapshot of offers (slow path) %+v differs from REST %v", page.Records, rest)
	}
}

// A collection with a hidden field keeps the slow path: superusers see hidden fields in the
// REST API, others do not, and the snapshot follows. Negative control: the column writer,
// which leaves hidden fields out, differs from what REST shows a superuser.
func TestHiddenFieldKeepsSlowPath(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	admin := srv.Superuser(t, "root@example.org")
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	c, err := srv.App.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		t.Fatal(err)
	}
	c.Fields.Add(&core.TextField{Name: "internalNote", Hidden: true})
	if err := srv.App.Save(c); err != nil {
		t.Fatalf("add a hidden field: %v", err)
	}
	if ms.HasFastPath(c) {
		t.Fatal("initiatives with a hidden field still take the fast path")
	}
	rec := newContent(t, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic)
	save(t, srv.App, s.Initiatives, rec.Id, map[string]any{"internalNote": "moderators only"})
	rest := restView(t, admin, s.Initiatives, rec.Id)
	page := admin.Snapshot(t, ms.SnapshotRequest{Collection: s.Initiatives})
	if len(page.Records) != 1 || !reflect.DeepEqual(decoded(t, page.Records[0].R), rest) || rest["internalNote"] != "moderators only" {
		t.Fatalf("superuser snapshot %+v, REST %v: want the same, with the hidden field", page.Records, rest)
	}
	fac.Snapshot(t, ms.SnapshotRequest{Collection: s.Initiatives}) // leak-checked against REST
	forced, err := ms.ColumnJSON(srv.App, c, rec.Id)
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(decoded(t, forced), rest) {
		t.Fatal("control: the column JSON equals what REST shows a superuser, hidden field included")
	}
}

// Every OnRecordEnrich hook Maillage binds must be known to the fast path, which leaves the
// collections of s.Enriched to the slow one: the location blur (users, offers), the person
// an offer is reserved for (offers) and the restricted fields of revisions; a bare test app binds its own call counter. A new hook
// fails here until its collections join s.Enriched.
func TestEnrichHooksKnownToFastPath(t *testing.T) {
	bare, err := tests.NewTestApp()
	if err != nil {
		t.Fatal(err)
	}
	defer bare.Cleanup()
	srv := synctest.Start(t, server.Config{})
	if n := srv.App.OnRecordEnrich().Length() - bare.OnRecordEnrich().Length(); n != 3 {
		t.Fatalf("Maillage binds %d OnRecordEnrich hooks, the fast snapshot path knows 3 (on %v): "+
			"add the collections of the new hook to s.Enriched", n, s.Enriched)
	}
}

// saveFilled saves, without validation but with the hooks, a record of c with id firstID and
// every field but the automatic ones set.
func saveFilled(t *testing.T, app core.App, c *core.Collection) {
	t.Helper()
	r := core.NewRecord(c)
	r.Id = firstID
	for i, f := range c.Fields {
		if v := testapp.FillValue(f, i); v != nil {
			r.Set(f.GetName(), v)
		}
	}
	if err := app.SaveNoValidate(r); err != nil {
		t.Fatalf("save a filled %s: %v", c.Name, err)
	}
}

// pulledPut returns the put of id among changes.
func pulledPut(t *testing.T, changes []ms.Change, id string) ms.Change {
	t.Helper()
	for _, ch := range changes {
		if ch.ID == id && ch.Op == ms.OpPut {
			return ch
		}
	}
	t.Fatalf("no put of %s among %d pulled changes", id, len(changes))
	return ms.Change{}
}

// restView returns a record as the REST API shows it to u, decoded.
func restView(t *testing.T, u *synctest.User, coll, id string) map[string]any {
	t.Helper()
	var out map[string]any
	u.MustCall(t, http.MethodGet, "/api/collections/"+coll+"/records/"+id, nil, &out)
	return out
}

func decoded(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return out
}
