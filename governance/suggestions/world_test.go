package suggestions_test

import (
	"encoding/json"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// world: a served app with the people of the rule matrix and an author's records:
//   - public: a published public initiative; pending: a pending public one; group: a published
//     community initiative of a community nobody else belongs to.
type world struct {
	srv                                             *synctest.Srv
	anonymous, resident, other, author, facilitator *synctest.User
	moderator                                       *synctest.User
	public, pending, group                          *core.Record
}

func newWorld(t *testing.T) *world {
	t.Helper()
	srv := synctest.Start(t, server.Config{})
	w := &world{srv: srv, anonymous: srv.Anonymous()}
	w.resident = srv.NewUser(t, "resident@example.org", s.RoleResident)
	w.other = srv.NewUser(t, "other@example.org", s.RoleResident)
	w.author = srv.NewUser(t, "author@example.org", s.RoleResident)
	w.facilitator = srv.NewUser(t, "facilitator@example.org", s.RoleFacilitator)
	w.moderator = srv.NewUser(t, "moderator@example.org", s.RoleModerator)
	w.public = w.initiative(t, "Jardin partagé", s.VisibilityPublic, s.StatusPublished, "")
	w.pending = w.initiative(t, "Repair café", s.VisibilityPublic, s.StatusPending, "")
	group := testapp.NewRecord(t, srv.App, s.Communities, map[string]any{"name": "Quartier", "owner": w.facilitator.ID()})
	testapp.NewRecord(t, srv.App, s.Memberships, map[string]any{"community": group.Id, "user": w.author.ID()})
	w.group = w.initiative(t, "Four à pain", s.VisibilityCommunity, s.StatusPublished, group.Id)
	return w
}

// initiative saves an initiative of the author as the server would, then sets its status (the
// moderation hook makes a resident's new record pending).
func (w *world) initiative(t *testing.T, name, vis, status, community string) *core.Record {
	t.Helper()
	r := testapp.NewRecord(t, w.srv.App, s.Initiatives, map[string]any{
		"name": name, "description": "avant", s.FieldAuthor: w.author.ID(),
		s.FieldVisibility: vis, s.FieldCommunity: community,
	})
	r.Set(s.FieldStatus, status)
	if err := w.srv.App.SaveNoValidate(r); err != nil {
		t.Fatalf("set status: %v", err)
	}
	return r
}

// call is u's request; it returns the status and the decoded body.
func call(t *testing.T, u *synctest.User, method, path string, body any) (int, map[string]any) {
	t.Helper()
	status, data, err := u.Call(method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	var out map[string]any
	_ = json.Unmarshal(data, &out)
	return status, out
}

// suggest creates a suggestion by u on rec through REST and returns its status and id.
func suggest(t *testing.T, u *synctest.User, rec *core.Record, fields map[string]any) (int, string) {
	t.Helper()
	status, out := call(t, u, "POST", "/api/collections/suggestions/records", map[string]any{
		s.FieldSuggestionCollection: rec.Collection().Name, s.FieldSuggestionRecord: rec.Id,
		s.FieldAuthor: u.ID(), s.FieldSuggestionFields: fields, s.FieldSuggestionComment: "horaires changés",
	})
	id, _ := out["id"].(string)
	return status, id
}

func (w *world) reload(t *testing.T, rec *core.Record) *core.Record {
	t.Helper()
	r, err := w.srv.App.FindRecordById(rec.Collection().Name, rec.Id)
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	return r
}
