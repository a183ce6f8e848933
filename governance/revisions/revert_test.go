package revisions_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/governance/revisions"
	s "github.com/maillage/maillage/schema"
)

// A moderator reverts a whole revision, then one field of it: each time the record's fields
// equal the revision's before, the revert is itself a revision by the moderator, and the
// audit log keeps it.
func TestRevertRestoresExactly(t *testing.T) {
	w := newWorld(t)
	app := w.srv.App
	id := createInitiative(t, w.author, "Jardin")
	patch(t, w, id, map[string]any{"name": "Jardin du Fort", "description": "Ouvert le samedi", "contact": "a@example.org"})
	patch(t, w, id, map[string]any{"name": "Jardin partagé"})
	target := history(t, app, s.Initiatives, id)[1]

	revert(t, w, target.ID, nil)
	wantFields(t, w, id, target.Changes, "before")
	last := lastRevision(t, w, id)
	if last.Author != w.moderator.ID() || last.Source != s.SourceRevert {
		t.Fatalf("the revert is attributed to %q/%q", last.Author, last.Source)
	}

	patch(t, w, id, map[string]any{"name": "Jardin du Fort", "description": "Fermé"})
	revert(t, w, target.ID, map[string]any{"field": "description"})
	rec, _ := app.FindRecordById(s.Initiatives, id)
	if rec.GetString("description") != target.Changes["description"]["before"] || rec.GetString("name") != "Jardin du Fort" {
		t.Fatalf("a field revert gave name %q description %q", rec.GetString("name"), rec.GetString("description"))
	}
	var audited int
	must(t, app.DB().NewQuery("SELECT count(*) FROM auditLog WHERE action = {:a} AND recordId = {:id} AND actor = {:m}").
		Bind(dbx.Params{"a": revisions.ActionRevert, "id": id, "m": w.moderator.ID()}).Row(&audited))
	if audited != 2 {
		t.Fatalf("%d reverts in the audit log, want 2", audited)
	}
}

// Only moderators revert, only revisions they may read, only fields the revision changed, and
// never a creation.
func TestRevertRefusals(t *testing.T) {
	w := newWorld(t)
	id := createInitiative(t, w.author, "Jardin")
	patch(t, w, id, map[string]any{"name": "Jardin du Fort"})
	revs := history(t, w.srv.App, s.Initiatives, id)
	private := createInitiative(t, w.author, "Carnet")
	patch(t, w, private, map[string]any{"visibility": s.VisibilityPrivate})
	privRev := lastRevision(t, w, private)
	cases := []struct {
		name   string
		status int
		do     func() (int, []byte, error)
	}{
		{"resident", http.StatusForbidden, func() (int, []byte, error) { return w.resident.Call(http.MethodPost, revertPath(revs[1].ID), nil) }},
		{"the author", http.StatusForbidden, func() (int, []byte, error) { return w.author.Call(http.MethodPost, revertPath(revs[1].ID), nil) }},
		{"facilitator", http.StatusForbidden, func() (int, []byte, error) { return w.facilitator.Call(http.MethodPost, revertPath(revs[1].ID), nil) }},
		{"private record", http.StatusNotFound, func() (int, []byte, error) { return w.moderator.Call(http.MethodPost, revertPath(privRev.ID), nil) }},
		{"unchanged field", http.StatusBadRequest, func() (int, []byte, error) {
			return w.moderator.Call(http.MethodPost, revertPath(revs[1].ID), map[string]any{"field": "contact"})
		}},
		{"creation", http.StatusBadRequest, func() (int, []byte, error) { return w.moderator.Call(http.MethodPost, revertPath(revs[0].ID), nil) }},
	}
	for _, c := range cases {
		status, body, err := c.do()
		if err != nil || status != c.status {
			t.Errorf("%s: status %d (%v) %s, want %d", c.name, status, err, body, c.status)
		}
	}
	// control: the same revert by a moderator goes through
	revert(t, w, revs[1].ID, nil)
}

func revertPath(id string) string { return "/api/maillage/revisions/" + id + "/revert" }

func revert(t *testing.T, w *world, id string, body any) {
	t.Helper()
	w.moderator.MustCall(t, http.MethodPost, revertPath(id), body, nil)
}

func patch(t *testing.T, w *world, id string, body map[string]any) {
	t.Helper()
	w.author.MustCall(t, http.MethodPatch, "/api/collections/initiatives/records/"+id, body, nil)
}

func lastRevision(t *testing.T, w *world, id string) revision {
	t.Helper()
	revs := history(t, w.srv.App, s.Initiatives, id)
	return revs[len(revs)-1]
}

// wantFields checks that each field of changes has, in the record, its side value.
func wantFields(t *testing.T, w *world, id string, changes map[string]map[string]any, side string) {
	t.Helper()
	st := state(t, w.srv.App, s.Initiatives, id)
	for f, c := range changes {
		if st[f] != c[side] {
			t.Errorf("%s is %v, want %v", f, st[f], c[side])
		}
	}
}
