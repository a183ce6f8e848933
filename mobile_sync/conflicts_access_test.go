package mobilesync_test

import (
	"net/http"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// Who reads and settles syncConflicts rows.

// syncConflicts rows are read by their author and moderators only, through REST and sync.
func TestSyncConflictsReadableByAuthorAndModerators(t *testing.T) {
	c := newConflictCase(t, ms.Config{})
	c.serverEdit(t, "name", "Jardin des Joncherolles")
	row := c.conflictRow(t, c.pushUpdate(t, ms.OpUpdate, fields("name", "Jardin"), fields("name", "Jardin partagé")), s.ConflictField)
	bob := c.env.NewUser(t, "bob@example.org", s.RoleFacilitator)
	mod := c.env.NewUser(t, "mod@example.org", s.RoleModerator)
	for _, u := range []struct {
		who  *synctest.User
		want bool
	}{{c.alice, true}, {mod, true}, {bob, false}, {c.env.Anonymous(), false}} {
		status, _, err := u.who.Call(http.MethodGet, "/api/collections/"+s.SyncConflicts+"/records/"+row.Id, nil)
		if err != nil {
			t.Fatal(err)
		}
		synced := false
		if u.who.Token != "" {
			snap := u.who.SnapshotAll(t, s.SyncConflicts, 0) // leak-checked by synctest
			for _, r := range snap.Records {
				synced = synced || r.ID == row.Id
			}
		}
		if (status == http.StatusOK) != u.want || synced != u.want {
			t.Errorf("%s: REST status %d, synced %v; want readable %v", u.who, status, synced, u.want)
		}
	}
}

// A conflict row is settled by its author or a moderator, by its status only.
func TestSyncConflictSettledByStatusOnly(t *testing.T) {
	c := newConflictCase(t, ms.Config{})
	c.serverEdit(t, "name", "Jardin des Joncherolles")
	row := c.conflictRow(t, c.pushUpdate(t, ms.OpUpdate, fields("name", "Jardin"), fields("name", "Jardin partagé")), s.ConflictField)
	bob := c.env.NewUser(t, "bob@example.org", s.RoleFacilitator)
	path := "/api/collections/" + s.SyncConflicts + "/records/" + row.Id
	for _, step := range []struct {
		who  *synctest.User
		body map[string]any
		ok   bool
	}{
		{bob, map[string]any{"status": s.ConflictDismissed}, false},
		{c.alice, map[string]any{"status": s.ConflictDismissed, "clientValue": "rewritten"}, false},
		{c.alice, map[string]any{"status": s.ConflictOpen}, false},
		{c.alice, map[string]any{"status": s.ConflictDismissed}, true},
	} {
		status, body, err := step.who.Call(http.MethodPatch, path, step.body)
		if err != nil {
			t.Fatal(err)
		}
		if (status == http.StatusOK) != step.ok {
			t.Errorf("%s PATCH %v: got %d %s, want allowed %v", step.who, step.body, status, body, step.ok)
		}
	}
	settled, err := c.env.App.FindRecordById(s.SyncConflicts, row.Id)
	if err != nil || settled.GetString(s.FieldStatus) != s.ConflictDismissed || settled.GetString(s.FieldConflictClient) != `"Jardin partagé"` {
		t.Errorf("row after settling: %v %v", settled, err)
	}
}
