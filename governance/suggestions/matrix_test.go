package suggestions_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/moderation"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The suggestions' rule matrix by role: anonymous; "resident", who makes the suggestions; the
// record's "author"; "trusted", a resident trusted by their published contributions (the
// moderation threshold); a "facilitator"; a "moderator"; and "other", a resident. Each cell
// acts on a fresh suggestion of the resident's on the author's public record.
var suggestionRoles = []string{"anonymous", "resident", "other", "author", "trusted", "facilitator", "moderator"}

// suggestionMatrix: action → the roles allowed.
var suggestionMatrix = map[string][]string{
	"suggest":            {"resident", "other", "trusted"}, // facilitators and moderators edit directly
	"read":               {"resident", "author", "facilitator", "moderator"},
	"accept (route)":     {"author", "moderator"},
	"decide (update)":    {"author", "moderator"},
	"change its comment": {},
	"delete":             {"resident"},
}

// suggestionActions make each action as u on a fresh suggestion; they report success.
var suggestionActions = map[string]func(t *testing.T, w *world, u *synctest.User, id string) bool{
	"suggest": func(t *testing.T, w *world, u *synctest.User, _ string) bool {
		st, _ := suggest(t, u, w.public, map[string]any{"description": "après"})
		return okOf(st)
	},
	"read": func(t *testing.T, w *world, u *synctest.User, id string) bool {
		st, _ := call(t, u, "GET", "/api/collections/suggestions/records/"+id, nil)
		return okOf(st)
	},
	"accept (route)": func(t *testing.T, w *world, u *synctest.User, id string) bool {
		st, _ := call(t, u, "POST", "/api/maillage/suggestions/"+id+"/accept", map[string]any{})
		return okOf(st)
	},
	"decide (update)": func(t *testing.T, w *world, u *synctest.User, id string) bool {
		st, _ := call(t, u, "PATCH", "/api/collections/suggestions/records/"+id, map[string]any{"status": "declined", "reason": "non"})
		return okOf(st)
	},
	"change its comment": func(t *testing.T, w *world, u *synctest.User, id string) bool {
		st, _ := call(t, u, "PATCH", "/api/collections/suggestions/records/"+id, map[string]any{"comment": "autre chose"})
		return okOf(st)
	},
	"delete": func(t *testing.T, w *world, u *synctest.User, id string) bool {
		st, _ := call(t, u, "DELETE", "/api/collections/suggestions/records/"+id, nil)
		return okOf(st)
	},
}

// trusted makes a resident trusted by their published contributions.
func (w *world) trusted(t *testing.T) *synctest.User {
	t.Helper()
	u := w.srv.NewUser(t, "trusted@example.org", s.RoleResident)
	for i := range moderation.DefaultTrustedThreshold {
		r := testapp.NewRecord(t, w.srv.App, s.Initiatives, map[string]any{"name": fmt.Sprintf("Atelier %d", i), s.FieldAuthor: u.ID()})
		r.Set(s.FieldStatus, s.StatusPublished)
		if err := w.srv.App.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	if ok, err := moderation.IsTrusted(w.srv.App, u.ID()); err != nil || !ok {
		t.Fatalf("the trusted resident is not trusted (%v)", err)
	}
	return u
}

// suggestionDiffs plays the matrix in w and lists the cells that differ from it.
func suggestionDiffs(t *testing.T, w *world) []string {
	people := map[string]*synctest.User{"anonymous": w.anonymous, "resident": w.resident, "other": w.other, "author": w.author,
		"trusted": w.trusted(t), "facilitator": w.facilitator, "moderator": w.moderator}
	var diffs []string
	for action, allowed := range suggestionMatrix {
		for _, role := range suggestionRoles {
			_, id := suggest(t, w.resident, w.public, map[string]any{"description": "proposée"})
			if got, want := suggestionActions[action](t, w, people[role], id), slices.Contains(allowed, role); got != want {
				diffs = append(diffs, fmt.Sprintf("%s / %s: allowed=%v, want %v", role, action, got, want))
			}
		}
	}
	slices.Sort(diffs)
	return diffs
}

// TestSuggestionMatrixByRole: every role × action on suggestions, the trusted member among
// them. Negative controls: a read rule opened to everyone signed in, and a delete rule opened
// to the record's author, each turn cells wrong.
func TestSuggestionMatrixByRole(t *testing.T) {
	if diffs := suggestionDiffs(t, newWorld(t)); len(diffs) > 0 {
		t.Fatalf("suggestions matrix:\n%s", strings.Join(diffs, "\n"))
	}
	for name, c := range map[string]struct {
		which func(*core.Collection) **string
		rule  string
	}{
		"read by anyone signed in": {func(c *core.Collection) **string { return &c.ViewRule }, `@request.auth.id != ""`},
		"deleted by the author":    {func(c *core.Collection) **string { return &c.DeleteRule }, `targetAuthor = @request.auth.id`},
	} {
		w := newWorld(t)
		setRule(t, w, s.Suggestions, c.which, func(string) string { return c.rule })
		if diffs := suggestionDiffs(t, w); len(diffs) == 0 {
			t.Errorf("control %q: the matrix still passes", name)
		}
	}
}
