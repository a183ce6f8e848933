package discussions_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// TestDiscussionRuleMatrix checks the API rules of threads, posts and comments against the
// plain Go model of model_test.go: every viewer × list, view, update, status change, creation
// (comments on readable and unreadable targets included) and delete, with the exact ids seen.
func TestDiscussionRuleMatrix(t *testing.T) {
	if got := mismatches(t, loosening{}); len(got) > 0 {
		t.Errorf("%d cells differ from the model:\n%s", len(got), strings.Join(got, "\n"))
	}
}

// TestDiscussionMatrixSeesEveryOutcome guards the matrix: each action meets every answer it
// can give, or a matrix whose cells all agree would prove nothing.
func TestDiscussionMatrixSeesEveryOutcome(t *testing.T) {
	want := map[string][]int{actView: {200, 404}, actUpdate: {200, 403, 404}, actSetStatus: {200, 400, 403, 404},
		actDelete: {204, 403, 404}, actCreate: {200, 400}}
	seen := map[string][]int{}
	for _, p := range wd.people {
		for _, c := range cells(wd, p) {
			if st := strict.expected(wd, c).status; c.action != actList && !slices.Contains(seen[c.action], st) {
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

// loosening is a negative control: one rule of coll made weaker in a copy of the world, and
// the same weakening in a copy of the model, which tells the cells that must turn wrong.
type loosening struct {
	name, coll string
	rules      func(c *core.Collection) []*string
	from, to   string
	model      func(m model) model
}

func readRules(c *core.Collection) []*string   { return []*string{c.ListRule, c.ViewRule} }
func createRules(c *core.Collection) []*string { return []*string{c.CreateRule} }

var loosenings = []loosening{
	{
		name: "comments readable whatever the target's visibility", coll: s.Comments, rules: readRules,
		from: `(visibility = "public" ||`, to: `(visibility != "" ||`,
		model: func(m model) model {
			m.readTarget = func(p person, t *rec) bool {
				v := *t
				v.vis, v.group = s.VisibilityPublic, false
				return readContent(p, &v)
			}
			return m
		},
	},
	{
		name: "comments on pending targets readable", coll: s.Comments, rules: readRules,
		from: `targetStatus = "published"`, to: `targetStatus != ""`,
		model: func(m model) model {
			m.readTarget = func(p person, t *rec) bool { v := *t; v.status = s.StatusPublished; return readContent(p, &v) }
			return m
		},
	},
	{
		// the comment hook asks the target's own rule: opening it lets comments in
		name: "initiatives readable whatever their visibility", coll: s.Initiatives, rules: readRules,
		from: `(visibility = "public" ||`, to: `(visibility != "" ||`,
		model: func(m model) model {
			m.readNew = func(p person, t *rec) bool {
				v := *t
				if v.coll == s.Initiatives {
					v.vis, v.group = s.VisibilityPublic, false
				}
				return readContent(p, &v)
			}
			return m
		},
	},
	{
		name: "threads: moderators read private ones", coll: s.Threads, rules: readRules,
		from: `@request.auth.role = "moderator" && visibility != "private"`, to: `@request.auth.role = "moderator"`,
		model: func(m model) model {
			m.readContent = func(p person, r *rec) bool {
				return readContent(p, r) || (r.coll == s.Threads && p.role == s.RoleModerator)
			}
			return m
		},
	},
	{
		name: "posts by anyone signed in", coll: s.Posts, rules: createRules,
		from: `organisation.members.id ?= @request.auth.id ||`, to: `@request.auth.id != "" ||`,
		model: func(m model) model {
			m.createPost = func(p person) bool { return p.id != "" }
			return m
		},
	},
}

// TestDiscussionMatrixNegativeControl loosens one rule at a time and checks that the matrix
// reports exactly the cells the loosening opens: no more, no fewer.
func TestDiscussionMatrixNegativeControl(t *testing.T) {
	for _, l := range loosenings {
		t.Run(l.name, func(t *testing.T) {
			got := mismatches(t, l)
			loose := l.model(strict)
			var want []string
			for _, p := range wd.people {
				for _, c := range cells(wd, p) {
					if !loose.expected(wd, c).equal(strict.expected(wd, c)) {
						want = append(want, c.String())
					}
				}
			}
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("mismatching cells:\n got %d %v\nwant %d %v", len(got), got, len(want), want)
			}
		})
	}
}

// mismatches runs the matrix with l applied (none when l.coll is empty) and returns, in
// matrix order, each cell whose answer differs from the strict model.
func mismatches(t *testing.T, l loosening) []string {
	t.Helper()
	var out []string
	for _, p := range wd.people {
		app := clone(t) // one app per viewer: its deletes must not hide records from others
		if l.coll != "" {
			loosen(t, app, l)
		}
		srv := synctest.Serve(t, app)
		for _, c := range cells(wd, p) {
			if got, want := run(t, srv, wd, c), strict.expected(wd, c); !got.equal(want) {
				out = append(out, c.String())
				t.Logf("%s: got %s, want %s", c, got, want)
			}
		}
	}
	return out
}

// loosen applies l to its collection's rules, in app only.
func loosen(t *testing.T, app *tests.TestApp, l loosening) {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(l.coll)
	if err != nil {
		t.Fatalf("collection %s: %v", l.coll, err)
	}
	for _, r := range l.rules(c) {
		if r == nil || !strings.Contains(*r, l.from) {
			t.Fatalf("a rule of %s has no %q to loosen: the control is out of date", l.coll, l.from)
		}
		*r = strings.ReplaceAll(*r, l.from, l.to)
	}
	if err := app.Save(c); err != nil {
		t.Fatalf("save loosened %s: %v", l.coll, err)
	}
}
