package knowledge_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// The rule matrix of pages: every viewer × list, view, update, status change, delete × every
// shape of page, and creations, against the visibility model of DESIGN.md written here as a
// small Go model. A loosened rule set is the negative control.

// reads is the visibility model: who may read a page of shape sh.
func reads(viewer string, sh shape) bool {
	switch {
	case viewer == author:
		return true
	case viewer == moderator && sh.vis != s.VisibilityPrivate:
		return true
	case sh.deleted || sh.status != s.StatusPublished:
		return false
	case sh.vis == s.VisibilityPublic:
		return true
	case sh.vis == s.VisibilityCommunity && viewer != anonymous:
		return !sh.group || inGroup(viewer)
	}
	return false
}

// edits: the author, moderators (not private pages) and facilitators (published public pages).
func edits(viewer string, sh shape) bool {
	facilitates := viewer == facilitator && !sh.deleted && sh.status == s.StatusPublished && sh.vis == s.VisibilityPublic
	return viewer == author || (viewer == moderator && sh.vis != s.VisibilityPrivate) || facilitates
}

// deletes: the author and moderators (not private pages).
func deletes(viewer string, sh shape) bool {
	return viewer == author || (viewer == moderator && sh.vis != s.VisibilityPrivate)
}

// creates: signed-in people, in the group only when they are its members (or moderators).
func creates(viewer string, group bool) bool {
	if viewer == anonymous {
		return false
	}
	return !group || inGroup(viewer) || viewer == moderator
}

// inGroup: the group's members, its founder (the facilitator) included.
func inGroup(viewer string) bool {
	return viewer == member || viewer == author || viewer == facilitator
}

// mismatches runs the matrix on w and returns every cell whose answer differs from the model.
func mismatches(t *testing.T, w *world) []string {
	t.Helper()
	pages := map[string]string{}
	for _, sh := range shapes {
		pages[sh.label] = w.page(t, sh).Id
	}
	var bad []string
	report := func(cell string, got, want bool) {
		if got != want {
			bad = append(bad, fmt.Sprintf("%s: allowed %v, want %v", cell, got, want))
		}
	}
	for viewer := range w.people {
		listed := w.listed(t, viewer)
		for _, sh := range shapes {
			id, cell := pages[sh.label], viewer+" %s "+sh.label
			report(fmt.Sprintf(cell, "list"), slices.Contains(listed, id), reads(viewer, sh))
			report(fmt.Sprintf(cell, "view"), w.ok(t, viewer, http.MethodGet, pagesPath+"/"+id, nil), reads(viewer, sh))
			report(fmt.Sprintf(cell, "update"), w.ok(t, viewer, http.MethodPatch, pagesPath+"/"+id,
				map[string]any{s.FieldPageBody: "Édité par " + viewer}), edits(viewer, sh))
			report(fmt.Sprintf(cell, "status"), w.ok(t, viewer, http.MethodPatch, pagesPath+"/"+w.page(t, sh).Id,
				map[string]any{s.FieldStatus: s.StatusArchived}), edits(viewer, sh) && viewer == moderator)
			report(fmt.Sprintf(cell, "delete"), w.ok(t, viewer, http.MethodDelete, pagesPath+"/"+w.page(t, sh).Id, nil), deletes(viewer, sh))
		}
		bad = append(bad, w.createCells(t, viewer)...)
	}
	return bad
}

// createCells creates a page in the open and one in the group as viewer, and checks the new
// page's status: published for facilitators and moderators, pending for residents.
func (w *world) createCells(t *testing.T, viewer string) []string {
	t.Helper()
	var bad []string
	for _, group := range []bool{false, true} {
		body := map[string]any{s.FieldPageTitle: "Réparer son vélo", s.FieldPageBody: "Une clé de 15.", s.FieldAuthor: w.people[viewer].ID()}
		if group {
			body[s.FieldCommunity] = w.group
		}
		status, out := w.call(t, viewer, http.MethodPost, pagesPath, body)
		if got, want := status == http.StatusOK, creates(viewer, group); got != want {
			bad = append(bad, fmt.Sprintf("%s create (group %v): status %d, want allowed %v", viewer, group, status, want))
			continue
		}
		want := s.StatusPending
		if viewer == facilitator || viewer == moderator {
			want = s.StatusPublished
		}
		if status == http.StatusOK && out[s.FieldStatus] != want {
			bad = append(bad, fmt.Sprintf("%s create: status %v, want %s", viewer, out[s.FieldStatus], want))
		}
	}
	return bad
}

// listed returns the ids of pages viewer lists.
func (w *world) listed(t *testing.T, viewer string) []string {
	t.Helper()
	status, out := w.call(t, viewer, http.MethodGet, pagesPath+"?perPage=500&skipTotal=1", nil)
	if status != http.StatusOK {
		t.Fatalf("%s list: status %d", viewer, status)
	}
	var ids []string
	for _, it := range out["items"].([]any) {
		ids = append(ids, it.(map[string]any)["id"].(string))
	}
	return ids
}

// ok reports whether viewer's request succeeds (2xx).
func (w *world) ok(t *testing.T, viewer, method, path string, body any) bool {
	t.Helper()
	status, _ := w.call(t, viewer, method, path, body)
	return status/100 == 2
}

// TestPagesRuleMatrix: the API rules of pages answer as the visibility model says, for each
// viewer, action and shape of page.
func TestPagesRuleMatrix(t *testing.T) {
	for _, m := range mismatches(t, newWorld(t)) {
		t.Error(m)
	}
}

// TestPagesRuleMatrixCatchesLooseRules is the negative control: with pages readable by all and
// editable by any signed-in person, the same matrix finds the leaks.
func TestPagesRuleMatrixCatchesLooseRules(t *testing.T) {
	w := newWorld(t)
	c, err := w.srv.App.FindCollectionByNameOrId(s.Pages)
	if err != nil {
		t.Fatal(err)
	}
	open, signedIn := "", `@request.auth.id != ""`
	c.ListRule, c.ViewRule, c.UpdateRule = &open, &open, &signedIn
	if err := w.srv.App.Save(c); err != nil {
		t.Fatal(err)
	}
	bad := mismatches(t, w)
	for _, want := range []string{"anonymous list private: allowed true, want false",
		"resident update private: allowed true, want false", "resident view group: allowed true, want false"} {
		if !slices.Contains(bad, want) {
			t.Errorf("the loosened rules went unnoticed: no %q in %v", want, bad)
		}
	}
}
