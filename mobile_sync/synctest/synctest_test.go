package synctest_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The harness serves the real sync routes and lets through what a user may read.
func TestHarnessServesSyncAndPassesReadableRows(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	alice := srv.NewUser(t, "alice@example.org", s.RoleFacilitator)
	pub := testapp.NewRecord(t, srv.App, s.Initiatives, map[string]any{
		"name": "Jardin", s.FieldAuthor: alice.ID(), s.FieldVisibility: s.VisibilityPublic, s.FieldStatus: s.StatusPublished,
	})
	info := srv.Anonymous().Info(t)
	if info.Epoch == "" || info.HeadSeq == 0 || len(info.Collections) == 0 {
		t.Fatalf("info = %+v, want an epoch, a head and collections", info)
	}
	snap := srv.Anonymous().SnapshotAll(t, s.Initiatives, 0)
	if len(snap.Records) != 1 || snap.Records[0].ID != pub.Id || snap.Cursor == "" {
		t.Fatalf("anonymous snapshot = %+v, want the public initiative and a cursor", snap)
	}
}

// Negative controls: the leak check catches an unreadable row, a field the REST API hides or
// alters (an offer's exact location), and a field the REST API does not send at all.
func TestCheckReadableCatchesLeaks(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	alice := srv.NewUser(t, "alice@example.org", s.RoleResident)
	bob := srv.NewUser(t, "bob@example.org", s.RoleFacilitator)
	private := testapp.NewRecord(t, srv.App, s.Initiatives, map[string]any{
		"name": "Carnet", s.FieldAuthor: alice.ID(), s.FieldVisibility: s.VisibilityPrivate,
	})
	offer := testapp.NewRecord(t, srv.App, s.Offers, map[string]any{
		"title": "Perceuse", "kind": "offer", "mode": "loan", s.FieldAuthor: bob.ID(),
		s.FieldVisibility: s.VisibilityPublic, s.FieldStatus: s.StatusPublished,
		s.FieldGeo: map[string]any{"lon": 2.3596, "lat": 48.9356},
	})
	ownPrivate := ownCopy(t, alice, s.Initiatives, private.Id)
	ownOffer := ownCopy(t, bob, s.Offers, offer.Id)

	mustLeak(t, bob, s.Initiatives, private.Id, ownPrivate, "not readable")
	mustLeak(t, alice, s.Offers, offer.Id, ownOffer, `"geo"`)
	var extra map[string]any
	_ = json.Unmarshal(ownPrivate, &extra)
	extra["email"] = "alice@example.org"
	raw, _ := json.Marshal(extra)
	mustLeak(t, alice, s.Initiatives, private.Id, raw, `"email"`)
	if err := alice.CheckReadable(synctest.Records{s.Initiatives: {private.Id: ownPrivate}}); err != nil {
		t.Fatalf("the author's own copy was reported: %v", err)
	}
}

// ownCopy is the record as its author's snapshot holds it.
func ownCopy(t *testing.T, u *synctest.User, coll, id string) json.RawMessage {
	t.Helper()
	for _, r := range u.SnapshotAll(t, coll, 0).Records {
		if r.ID == id {
			return r.R
		}
	}
	t.Fatalf("%s/%s missing from its author's snapshot", coll, id)
	return nil
}

func mustLeak(t *testing.T, u *synctest.User, coll, id string, raw json.RawMessage, want string) {
	t.Helper()
	err := u.CheckReadable(synctest.Records{coll: {id: raw}})
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("leak check of %s/%s for %s = %v, want an error about %s", coll, id, u, err, want)
	}
}
