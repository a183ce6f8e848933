package server_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	s "github.com/maillage/maillage/schema"
)

// TestRuleMatrix checks the API rules of every content collection against the plain Go model
// of model_test.go: each viewer × record shape × state × action, with the exact list of ids
// seen and the exact status of view, update, status change and delete.
func TestRuleMatrix(t *testing.T) {
	if n := len(fx.records); n != len(s.Content)*16 {
		t.Fatalf("seeded %d records, want %d", n, len(s.Content)*16)
	}
	for _, p := range fx.viewers {
		app := cloneApp(t) // one app per viewer: its deletes must not hide records from others
		found := runScenarios(t, fx, app, viewerCells(fx, p, s.Content))
		if len(found) > 0 {
			t.Errorf("%s: %d cells differ from the model", p.name, len(found))
		}
	}
}

// TestRuleMatrixSeesEveryOutcome guards the matrix itself: a matrix whose cells all expect the
// same answer would prove nothing, so each action must meet every answer it can give: allowed,
// hidden (404), not yours (403) and, for a status change by an author, refused field (400).
func TestRuleMatrixSeesEveryOutcome(t *testing.T) {
	want := map[string][]int{
		actView:      {200, 404},
		actUpdate:    {200, 403, 404},
		actSetStatus: {200, 400, 403, 404},
		actDelete:    {204, 403, 404},
	}
	seen := map[string][]int{}
	for _, p := range fx.viewers {
		for _, c := range viewerCells(fx, p, s.Content) {
			if st := expected(fx, c).status; c.action != actList && !slices.Contains(seen[c.action], st) {
				seen[c.action] = append(seen[c.action], st)
			}
		}
	}
	for action, statuses := range want {
		slices.Sort(seen[action])
		if !slices.Equal(seen[action], statuses) {
			t.Errorf("%s: expected statuses %v, want %v", action, seen[action], statuses)
		}
	}
}

// loosening is a negative control: one rule made weaker in a copy of the schema, and the same
// weakening applied to a copy of the model, which tells the cells that must turn wrong.
type loosening struct {
	name     string
	rules    func(c *core.Collection) []*string // the rules of initiatives rewritten
	from, to string
	model    func(m model) model // the model with the same weakening, on initiatives
}

func readRules(c *core.Collection) []*string   { return []*string{c.ListRule, c.ViewRule} }
func updateRules(c *core.Collection) []*string { return []*string{c.UpdateRule} }

var loosenings = []loosening{
	{
		name: "moderators read private records", rules: readRules,
		from: `@request.auth.role = "moderator" && visibility != "private"`,
		to:   `@request.auth.role = "moderator"`,
		model: func(m model) model {
			m.read = orOnInitiatives(m.read, func(p person, r record, _ string) bool {
				return p.role == s.RoleModerator && r.shape == shapePrivate
			})
			return m
		},
	},
	{
		name: "anyone reads pending records", rules: readRules,
		from: `status = "published"`,
		to:   `(status = "published" || status = "pending")`,
		model: func(m model) model {
			m.read = orOnInitiatives(m.read, func(p person, r record, authorID string) bool {
				published := r
				published.status = s.StatusPublished
				return r.status == s.StatusPending && canRead(p, published, authorID)
			})
			return m
		},
	},
	{
		name: "authors publish their own records", rules: updateRules,
		from: `@request.body.status:changed = false ||`,
		to:   `@request.body.status:changed = false || author = @request.auth.id ||`,
		model: func(m model) model {
			m.setStatus = orOnInitiatives(m.setStatus, func(p person, _ record, authorID string) bool {
				return p.id != "" && p.id == authorID
			})
			return m
		},
	},
}

// orOnInitiatives widens a model function by more, on initiatives only.
func orOnInitiatives(base, more func(p person, r record, authorID string) bool) func(p person, r record, authorID string) bool {
	return func(p person, r record, authorID string) bool {
		return base(p, r, authorID) || (r.coll == s.Initiatives && more(p, r, authorID))
	}
}

// TestRuleMatrixNegativeControl loosens one rule of initiatives at a time and checks that the
// matrix reports exactly the cells that the loosening opens: no more, no fewer.
func TestRuleMatrixNegativeControl(t *testing.T) {
	colls := []string{s.Initiatives, s.Offers} // offers keep their rules: no cell of theirs may differ
	for _, l := range loosenings {
		t.Run(l.name, func(t *testing.T) {
			var got []string
			for _, p := range fx.viewers {
				app := cloneApp(t)
				loosen(t, app, l)
				for _, m := range collectMismatches(t, fx, app, viewerCells(fx, p, colls)) {
					got = append(got, m.cell.String())
				}
			}
			want := wrongCells(l, colls)
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("mismatching cells:\n got %d %v\nwant %d %v", len(got), got, len(want), want)
			}
		})
	}
}

// wrongCells lists, in matrix order, the cells loosening l must make differ from the model: for
// a read rule, the views it opens, the lists that then show more, and the edits of the records
// it opens, refused with 403 (not yours) instead of 404 (not found); for the update rule, the
// status changes it lets through.
func wrongCells(l loosening, colls []string) []string {
	loosened := l.model(strict)
	var cells []string
	for _, p := range fx.viewers {
		for _, c := range viewerCells(fx, p, colls) {
			if !loosened.expected(fx, c).equal(expected(fx, c)) {
				cells = append(cells, c.String())
			}
		}
	}
	return cells
}

// loosen applies l to the rules of initiatives, in this app only.
func loosen(t *testing.T, app *tests.TestApp, l loosening) {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		t.Fatalf("collection %s: %v", s.Initiatives, err)
	}
	for _, r := range l.rules(c) {
		if r == nil || !strings.Contains(*r, l.from) {
			t.Fatalf("rule of %s has no %q to loosen: the control is out of date", s.Initiatives, l.from)
		}
		*r = strings.ReplaceAll(*r, l.from, l.to)
	}
	if err := app.Save(c); err != nil {
		t.Fatalf("save loosened %s: %v", s.Initiatives, err)
	}
}
