package mobilesync_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// Owners read their communities' memberships, so handing a community to another owner
// changes what both may read while the members' rows do not change: the new owner's next pull
// answers a scope reset and the re-snapshot brings the members. Negative control: the log
// after the transfer holds the community row and the new owner's own coordinator membership,
// not carol's.
func TestOwnershipTransferResetsScope(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	first := srv.NewUser(t, "first@example.org", s.RoleFacilitator)
	bob := srv.NewUser(t, "bob@example.org", s.RoleFacilitator)
	carol := srv.NewUser(t, "carol@example.org", s.RoleResident)
	root := srv.Superuser(t, "root@example.org")
	comm := restCreate(t, first, s.Communities, map[string]any{"name": "Quartier", "owner": first.ID()})
	member := restCreate(t, first, s.Memberships, map[string]any{"community": comm, "user": carol.ID(), "role": "member"})
	cursor := bob.PullAll(t, "").Cursor

	seqBefore := logHead(t, srv.App)
	restUpdate(t, root, s.Communities, comm, map[string]any{"owner": bob.ID()})
	var logged []string
	for _, row := range logAfter(t, srv.App, seqBefore) {
		logged = append(logged, row.Rid)
	}
	if !slices.Contains(logged, comm) || slices.Contains(logged, member) {
		t.Fatalf("negative control: the transfer logged %v, want the community %s and not carol's membership %s", logged, comm, member)
	}
	page := bob.Pull(t, ms.PullRequest{Cursor: cursor})
	if page.Reset == nil || page.Reset.Reason != ms.ResetScope || !slices.Contains(page.Reset.Collections, s.Memberships) {
		t.Fatalf("new owner's pull: reset %+v, want a scope reset of memberships", page.Reset)
	}
	var got []string
	for _, r := range bob.SnapshotAll(t, s.Memberships, 0).Records {
		got = append(got, r.ID)
	}
	if !slices.Contains(got, member) {
		t.Errorf("the new owner's re-snapshot of memberships %v lacks carol's %s", got, member)
	}
}

// A collection configured before the migration that creates it does not break pulls; its
// arrival resets the clients (reason rules) so that they snapshot it.
func TestConfiguredCollectionArrivesLater(t *testing.T) {
	cfg := ms.DefaultConfig()
	cfg.Collections = append(cfg.Collections, "notes")
	srv := synctest.Start(t, server.Config{Sync: cfg})
	u := srv.Anonymous()
	if info := u.Info(t); slices.Contains(info.Collections, "notes") {
		t.Fatalf("info lists a collection that does not exist yet: %v", info.Collections)
	}
	cursor := u.PullAll(t, "").Cursor

	notes := core.NewBaseCollection("notes")
	notes.ListRule = ptr("")
	notes.Fields.Add(&core.TextField{Name: "body"})
	if err := srv.App.Save(notes); err != nil {
		t.Fatalf("create notes: %v", err)
	}
	page := u.Pull(t, ms.PullRequest{Cursor: cursor})
	if page.Reset == nil || page.Reset.Reason != ms.ResetRules || !slices.Contains(page.Reset.Collections, "notes") {
		t.Fatalf("pull after notes arrived: reset %+v, want a rules reset naming notes", page.Reset)
	}
}

// A change of what the user may read while their snapshot is read in pages (joining a
// community, a new role) makes the snapshot's cursor answer a scope reset: the pages read
// before the change followed the old scope. Negative control: the rows the change opened
// sort before the pages still to read, so the snapshot alone misses them.
func TestScopeChangeDuringSnapshot(t *testing.T) {
	for name, change := range map[string]func(srv *synctest.Srv, root, owner, bob *synctest.User, comm string){
		"membership": func(srv *synctest.Srv, root, owner, bob *synctest.User, comm string) {
			restCreate(t, owner, s.Memberships, map[string]any{"community": comm, "user": bob.ID(), "role": "member"})
		},
		"role": func(srv *synctest.Srv, root, owner, bob *synctest.User, comm string) {
			restUpdate(t, root, s.Users, bob.ID(), map[string]any{s.FieldRole: s.RoleModerator})
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := synctest.Start(t, server.Config{})
			owner := srv.NewUser(t, "owner@example.org", s.RoleFacilitator)
			bob := srv.NewUser(t, "bob@example.org", s.RoleResident)
			root := srv.Superuser(t, "root@example.org")
			comm := restCreate(t, owner, s.Communities, map[string]any{"name": "Quartier", "owner": owner.ID()})
			opened := content(s.Initiatives, owner.ID(), s.VisibilityCommunity)
			opened["id"], opened[s.FieldCommunity] = "000000000000001", comm
			testapp.NewRecord(t, srv.App, s.Initiatives, opened)
			for _, id := range []string{"100000000000001", "100000000000002", "100000000000003"} {
				f := content(s.Initiatives, owner.ID(), s.VisibilityPublic)
				f["id"] = id
				testapp.NewRecord(t, srv.App, s.Initiatives, f)
			}

			req := ms.SnapshotRequest{Collection: s.Initiatives, Limit: 1}
			page := bob.Snapshot(t, req)
			change(srv, root, owner, bob, comm)
			var got []string
			for ; ; page = bob.Snapshot(t, req) {
				for _, r := range page.Records {
					got = append(got, r.ID)
				}
				req.SnapshotSeq, req.AfterID = page.SnapshotSeq, page.NextAfterID
				if page.Done {
					break
				}
			}
			if slices.Contains(got, "000000000000001") {
				t.Fatalf("negative control: the pages already hold the opened row: %v", got)
			}
			if r := bob.Pull(t, ms.PullRequest{Cursor: page.Cursor}).Reset; r == nil || r.Reason != ms.ResetScope {
				t.Errorf("pull from a snapshot whose scope changed midway: reset %+v, want a scope reset", r)
			}
		})
	}
}
