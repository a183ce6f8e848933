package mobilesync_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// A row made private, soft-deleted or given to another author reaches the devices that may no
// longer read it as a remove, and stays a put for those that still may. Negative control: a
// device that ignores removes keeps the revoked rows, and the comparison with the REST API
// catches it.
func TestRevokedRowsArriveAsRemove(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	alice := srv.NewUser(t, "alice@example.org", s.RoleFacilitator)
	bob := srv.NewUser(t, "bob@example.org", s.RoleResident)
	carol := srv.NewUser(t, "carol@example.org", s.RoleResident)
	root := srv.Superuser(t, "root@example.org")
	madePrivate := newContent(t, srv.App, s.Initiatives, alice.ID(), s.VisibilityPublic)
	softDeleted := newContent(t, srv.App, s.Initiatives, alice.ID(), s.VisibilityPublic)
	givenAway := newContent(t, srv.App, s.Initiatives, alice.ID(), s.VisibilityPrivate)

	devices := map[*synctest.User]replica{}
	cursors := map[*synctest.User]string{}
	for _, u := range []*synctest.User{alice, bob, carol} {
		snap := u.SnapshotAll(t, s.Initiatives, 0)
		devices[u], cursors[u] = fromSnapshot(t, snap), snap.Cursor
	}
	if got := devices[bob].ids(); len(got) != 2 || slices.Contains(got, givenAway.Id) {
		t.Fatalf("bob's snapshot = %v, want the two public rows", got)
	}

	restUpdate(t, alice, s.Initiatives, madePrivate.Id, map[string]any{s.FieldVisibility: s.VisibilityPrivate})
	restUpdate(t, alice, s.Initiatives, softDeleted.Id, map[string]any{s.FieldDeleted: true})
	restUpdate(t, root, s.Initiatives, givenAway.Id, map[string]any{s.FieldAuthor: carol.ID()})

	pulled := map[*synctest.User][]ms.Change{}
	for u := range devices {
		pulled[u] = u.PullAll(t, cursors[u], s.Initiatives).Changes
		devices[u].apply(t, pulled[u], s.Initiatives, false)
		if err := devices[u].diffREST(t, u, s.Initiatives); err != nil {
			t.Error(err)
		}
	}
	wantOps(t, "bob", pulled[bob], map[string]string{madePrivate.Id: ms.OpRemove, softDeleted.Id: ms.OpRemove, givenAway.Id: ms.OpRemove})
	wantOps(t, "alice", pulled[alice], map[string]string{madePrivate.Id: ms.OpPut, softDeleted.Id: ms.OpPut, givenAway.Id: ms.OpRemove})
	wantOps(t, "carol", pulled[carol], map[string]string{madePrivate.Id: ms.OpRemove, softDeleted.Id: ms.OpRemove, givenAway.Id: ms.OpPut})

	broken := fromSnapshot(t, bob.SnapshotAll(t, s.Initiatives, 0))
	broken[madePrivate.Id], broken[softDeleted.Id] = "stale", "stale"
	if broken.diffREST(t, bob, s.Initiatives) == nil {
		t.Errorf("negative control: a replica holding revoked rows matched the REST API")
	}
}

// wantOps checks the op each listed record arrived with in changes.
func wantOps(t *testing.T, who string, changes []ms.Change, want map[string]string) {
	t.Helper()
	got := map[string]string{}
	for _, c := range changes {
		got[c.ID] = c.Op
	}
	for id, op := range want {
		if got[id] != op {
			t.Errorf("%s got %s as %q, want %q (all: %v)", who, id, got[id], op, got)
		}
	}
}

// Granting and revoking a membership changes what a user may read without any row of those
// collections changing: the next pull answers a reset of the user-dependent collections
// (reason scope), keeps the client's position, and a re-snapshot brings or drops the
// community's rows. Negative control: the change log after the grant holds only the
// membership, so a pull without the scope check would never deliver the community's row.
func TestMembershipChangeResetsAffectedCollections(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	owner := srv.NewUser(t, "owner@example.org", s.RoleFacilitator)
	bob := srv.NewUser(t, "bob@example.org", s.RoleResident)
	commID := restCreate(t, owner, s.Communities, map[string]any{"name": "Quartier", "owner": owner.ID()})
	fields := content(s.Initiatives, owner.ID(), s.VisibilityCommunity)
	fields[s.FieldCommunity] = commID
	inner := restCreate(t, owner, s.Initiatives, fields)

	start := bob.PullAll(t, "")
	if slices.Contains(synctest.IDs(start.Changes, s.Initiatives, ms.OpPut), inner) {
		t.Fatalf("bob received the community row before joining")
	}
	seqBefore := logHead(t, srv.App)
	membership := restCreate(t, owner, s.Memberships, map[string]any{"community": commID, "user": bob.ID(), "role": "member"})
	if rows := logAfter(t, srv.App, seqBefore); len(rows) != 1 || rows[0].Coll != s.Memberships {
		t.Fatalf("negative control: the grant logged %v, want only the membership", rows)
	}
	if !reSnapshotAfterReset(t, bob, start.Cursor).contains(inner) {
		t.Errorf("after joining, bob's re-snapshot lacks the community row %s", inner)
	}
	cur := bob.PullAll(t, "").Cursor
	bob.MustCall(t, http.MethodDelete, "/api/collections/memberships/records/"+membership, nil, nil)
	if reSnapshotAfterReset(t, bob, cur).contains(inner) {
		t.Errorf("after leaving, bob's re-snapshot still holds the community row %s", inner)
	}
}

// snapshotSet is the ids of initiatives a re-snapshot brought.
type snapshotSet []string

func (s snapshotSet) contains(id string) bool { return slices.Contains(s, id) }

// reSnapshotAfterReset pulls from cursor, expects a scope reset of the user-dependent
// collections (initiatives yes, categories no) with a cursor kept, and re-snapshots
// initiatives.
func reSnapshotAfterReset(t *testing.T, u *synctest.User, cursor string) snapshotSet {
	t.Helper()
	page := u.Pull(t, ms.PullRequest{Cursor: cursor})
	r := page.Reset
	if r == nil || r.Reason != ms.ResetScope || !slices.Contains(r.Collections, s.Initiatives) || slices.Contains(r.Collections, s.Categories) {
		t.Fatalf("pull after a membership change: reset %+v, want a scope reset of initiatives, not categories", r)
	}
	if page.Cursor == "" || len(page.Changes) != 0 {
		t.Fatalf("scope reset: cursor %q and %d changes, want a kept cursor and no changes", page.Cursor, len(page.Changes))
	}
	if again := u.Pull(t, ms.PullRequest{Cursor: page.Cursor}); again.Reset != nil {
		t.Fatalf("the cursor after a scope reset gets another reset: %+v", again.Reset)
	}
	var ids snapshotSet
	for _, r := range u.SnapshotAll(t, s.Initiatives, 0).Records {
		ids = append(ids, r.ID)
	}
	return ids
}

// An offer's exact location reaches only its author: everyone else's snapshot and pull carry
// the blurred one, as the REST API shows it (the harness's leak check compares every field).
// Negative control: the author's copy is exact, so the two differ.
func TestOfferLocationArrivesBlurred(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	bob := srv.NewUser(t, "bob@example.org", s.RoleFacilitator)
	alice := srv.NewUser(t, "alice@example.org", s.RoleResident)
	exact := map[string]any{"lon": 2.3596, "lat": 48.9356}
	fields := content(s.Offers, bob.ID(), s.VisibilityPublic)
	fields[s.FieldGeo] = exact
	offer := restCreate(t, bob, s.Offers, fields)
	cursor := alice.PullAll(t, "").Cursor
	restUpdate(t, bob, s.Offers, offer, map[string]any{s.FieldGeo: map[string]any{"lon": 2.3601, "lat": 48.9360}})

	geoOf := func(raw []byte) string {
		var r struct {
			Geo json.RawMessage `json:"geo"`
		}
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatalf("decode offer: %v", err)
		}
		return string(r.Geo)
	}
	var own, seen []string
	for _, r := range bob.SnapshotAll(t, s.Offers, 0).Records {
		own = append(own, geoOf(r.R))
	}
	for _, r := range alice.SnapshotAll(t, s.Offers, 0).Records {
		seen = append(seen, geoOf(r.R))
	}
	for _, c := range alice.PullAll(t, cursor, s.Offers).Changes {
		seen = append(seen, geoOf(c.R))
	}
	if len(own) != 1 || len(seen) != 2 || seen[0] == own[0] || seen[1] == own[0] {
		t.Errorf("offer locations: author's %v, alice's %v; want one exact for the author and blurred ones for alice", own, seen)
	}
}
