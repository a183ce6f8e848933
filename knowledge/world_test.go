package knowledge_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The world of the pages' tests: a group community whose founder is the facilitator and whose
// members are the author and member; a resident in no community; a moderator; anonymous.

// Viewer names. The facilitator founded the group, so is one of its members (hooks/founders.go).
const (
	anonymous   = "anonymous"
	resident    = "resident"
	member      = "member"
	author      = "author"
	facilitator = "facilitator"
	moderator   = "moderator"
)

var roles = map[string]string{resident: s.RoleResident, member: s.RoleResident, author: s.RoleResident,
	facilitator: s.RoleFacilitator, moderator: s.RoleModerator}

// world is a served app with its people and the group.
type world struct {
	srv    *synctest.Srv
	people map[string]*synctest.User
	group  string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{srv: synctest.Start(t, server.Config{}), people: map[string]*synctest.User{}}
	w.people[anonymous] = w.srv.Anonymous()
	for _, name := range []string{resident, member, author, facilitator, moderator} {
		w.people[name] = w.srv.NewUser(t, name+"@example.org", roles[name])
	}
	w.group = w.save(t, s.Communities, map[string]any{"name": "Jardiniers du Landy", "owner": w.people[facilitator].ID()}).Id
	for _, name := range []string{author, member} {
		w.save(t, s.Memberships, map[string]any{"user": w.people[name].ID(), "community": w.group, "role": "member"})
	}
	return w
}

// save writes a record as the server would (hooks run, no API rule).
func (w *world) save(t *testing.T, coll string, fields map[string]any) *core.Record {
	t.Helper()
	c, err := w.srv.App.FindCollectionByNameOrId(coll)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	r.Load(fields)
	if err := w.srv.App.Save(r); err != nil {
		t.Fatalf("save %s: %v", coll, err)
	}
	return r
}

// shape is a page's visibility and state.
type shape struct {
	label, vis, status string
	group, deleted     bool
}

var shapes = []shape{
	{"public", s.VisibilityPublic, s.StatusPublished, false, false},
	{"pending", s.VisibilityPublic, s.StatusPending, false, false},
	{"rejected", s.VisibilityPublic, s.StatusRejected, false, false},
	{"deleted", s.VisibilityPublic, s.StatusPublished, false, true},
	{"members", s.VisibilityCommunity, s.StatusPublished, false, false},
	{"group", s.VisibilityCommunity, s.StatusPublished, true, false},
	{"private", s.VisibilityPrivate, s.StatusPublished, false, false},
}

// page saves a page of shape sh by the author; the status is set after the moderation of a
// new record (which makes a resident's page pending).
func (w *world) page(t *testing.T, sh shape) *core.Record {
	t.Helper()
	fields := map[string]any{s.FieldPageTitle: "Composter " + sh.label, s.FieldPageBody: "Trois bacs.",
		s.FieldAuthor: w.people[author].ID(), s.FieldVisibility: sh.vis}
	if sh.group {
		fields[s.FieldCommunity] = w.group
	}
	r := w.save(t, s.Pages, fields)
	r.Set(s.FieldStatus, sh.status)
	r.Set(s.FieldDeleted, sh.deleted)
	if err := w.srv.App.Save(r); err != nil {
		t.Fatalf("set status of %s: %v", sh.label, err)
	}
	return r
}

// call sends a request as viewer and returns the status and the decoded body.
func (w *world) call(t *testing.T, viewer, method, path string, body any) (int, map[string]any) {
	t.Helper()
	status, data, err := w.people[viewer].Call(method, path, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	out := map[string]any{}
	if status == http.StatusOK {
		if err := json.Unmarshal(data, &out); err != nil {
			t.Fatalf("decode %s: %v", data, err)
		}
	}
	return status, out
}

const pagesPath = "/api/collections/" + s.Pages + "/records"
