package push_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/push/pushtest"
	s "github.com/maillage/maillage/schema"
)

// pushCell is one expected answer of the push collections' rule matrix: what a viewer gets
// when acting on the owner's record.
type pushCell struct {
	viewer, action string
	status         int // list: the number of records seen instead
}

// The matrix of pushSubscriptions and notificationPreferences: anonymous, another resident,
// a moderator and the owner × list, view, change and delete of the owner's record. Only the
// owner reaches it; a subscription is changed by nobody (no update rule: 403 to all, the
// browser posts a new one).
func pushMatrix(collection string) []pushCell {
	change, othersChange := http.StatusOK, http.StatusNotFound
	if collection == s.PushSubscriptions {
		change, othersChange = http.StatusForbidden, http.StatusForbidden
	}
	var cells []pushCell
	for _, v := range []string{"anonymous", "other", "moderator"} {
		cells = append(cells, pushCell{v, "list", 0}, pushCell{v, "view", 404}, pushCell{v, "change", othersChange}, pushCell{v, "delete", 404})
	}
	return append(cells, pushCell{"owner", "list", 1}, pushCell{"owner", "view", 200},
		pushCell{"owner", "change", change}, pushCell{"owner", "delete", 204})
}

// TestPushRuleMatrix runs the matrix on both collections, on a fresh record for each cell.
func TestPushRuleMatrix(t *testing.T) {
	w := newWorld(t)
	for _, c := range []string{s.PushSubscriptions, s.NotificationPreferences} {
		if wrong := runPushMatrix(t, w, c); len(wrong) > 0 {
			t.Errorf("%s: %v", c, wrong)
		}
	}
}

// TestPushRuleMatrixNegativeControl loosens the view and delete rules of each collection to
// any signed-in person: the matrix must then see the other resident and the moderator reach
// the owner's record.
func TestPushRuleMatrixNegativeControl(t *testing.T) {
	w := newWorld(t)
	for _, c := range []string{s.PushSubscriptions, s.NotificationPreferences} {
		loosenAll(t, w, c, `@request.auth.id != ""`)
		if wrong := runPushMatrix(t, w, c); len(wrong) < 6 {
			t.Errorf("%s with loosened rules: the matrix found %v, want the other resident's and the moderator's list, view and delete", c, wrong)
		}
	}
}

// runPushMatrix plays every cell of collection's matrix and returns those that differ.
func runPushMatrix(t *testing.T, w *world, collection string) []string {
	t.Helper()
	viewers := map[string]*synctest.User{
		"anonymous": w.srv.Anonymous(),
		"other":     w.srv.NewUser(t, fmt.Sprintf("other-%s@example.org", collection), s.RoleResident),
		"moderator": w.srv.NewUser(t, fmt.Sprintf("mod-%s@example.org", collection), s.RoleModerator),
	}
	var wrong []string
	for i, cell := range pushMatrix(collection) {
		owner := w.srv.NewUser(t, fmt.Sprintf("owner-%s-%d@example.org", collection, i), s.RoleResident)
		viewers["owner"] = owner
		id := ownRecord(t, w, owner, collection, i)
		if got := act(t, viewers[cell.viewer], collection, cell.action, id); got != cell.status {
			wrong = append(wrong, fmt.Sprintf("%s %s: %d, want %d", cell.viewer, cell.action, got, cell.status))
		}
	}
	return wrong
}

// ownRecord creates owner's record of collection through the REST API, as the PWA does.
func ownRecord(t *testing.T, w *world, owner *synctest.User, collection string, i int) string {
	t.Helper()
	body := map[string]any{"user": owner.ID(), "messages": true}
	if collection == s.PushSubscriptions {
		body = pushtest.NewBrowser(t).Subscription(w.ps.endpoint(fmt.Sprintf("/matrix-%d", i)))
	}
	var rec struct{ ID string }
	owner.MustCall(t, http.MethodPost, "/api/collections/"+collection+"/records", body, &rec)
	return rec.ID
}

// act does action on the record id as u and returns the status, or for a list the number of
// records seen among the collection's (the others' records are the owner's of other cells,
// so a viewer's own count stays at most 1).
func act(t *testing.T, u *synctest.User, collection, action, id string) int {
	t.Helper()
	url := "/api/collections/" + collection + "/records"
	method, path, body := map[string]string{"view": http.MethodGet, "change": http.MethodPatch, "delete": http.MethodDelete}[action], url+"/"+id, map[string]any{}
	if action == "change" {
		body = map[string]any{"messages": false}
	}
	if action == "list" {
		return len(seen(t, u, url, id))
	}
	status, _, err := u.Call(method, path, body)
	if err != nil {
		t.Fatal(err)
	}
	return status
}

// seen returns the ids u lists that are id.
func seen(t *testing.T, u *synctest.User, url, id string) []string {
	t.Helper()
	var page struct{ Items []struct{ ID string } }
	u.MustCall(t, http.MethodGet, url+"?perPage=500", nil, &page)
	var out []string
	for _, it := range page.Items {
		if it.ID == id {
			out = append(out, it.ID)
		}
	}
	return out
}

// loosenAll replaces collection's list, view and delete rules (negative controls).
func loosenAll(t *testing.T, w *world, collection, rule string) {
	t.Helper()
	c, err := w.srv.App.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	c.ListRule, c.ViewRule, c.DeleteRule = &rule, &rule, &rule
	if err := w.srv.App.Save(c); err != nil {
		t.Fatal(err)
	}
}
