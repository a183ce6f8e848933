package suggestions_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// TestFacilitatorsEditPublishedPublicRecords: the rule matrix of a direct edit of the author's
// records (anonymous, resident, author, facilitator, moderator × public published, public
// pending, community). Facilitators edit the published public record only, and never its status
// or author. The control: with the released rule (no facilitator reach) the matrix fails on the
// facilitator's cell.
func TestFacilitatorsEditPublishedPublicRecords(t *testing.T) {
	w := newWorld(t)
	type cell struct {
		who  *synctest.User
		rec  *core.Record
		want int
	}
	cells := func() []cell {
		return []cell{
			{w.anonymous, w.public, 403}, {w.resident, w.public, 403}, {w.author, w.public, 200},
			{w.facilitator, w.public, 200}, {w.moderator, w.public, 200},
			{w.facilitator, w.pending, 403}, {w.facilitator, w.group, 404}, {w.resident, w.group, 404},
			{w.author, w.group, 200}, {w.moderator, w.pending, 200},
		}
	}
	check := func() []string {
		var bad []string
		for i, c := range cells() {
			st, _ := call(t, c.who, "PATCH", "/api/collections/initiatives/records/"+c.rec.Id, map[string]any{"description": fmt.Sprint("v", i)})
			if okOf(st) != okOf(c.want) {
				bad = append(bad, fmt.Sprintf("%s on %s: %d, want %d", c.who, c.rec.GetString("name"), st, c.want))
			}
		}
		return bad
	}
	if bad := check(); len(bad) > 0 {
		t.Fatalf("edit matrix:\n%s", strings.Join(bad, "\n"))
	}
	for field, v := range map[string]any{s.FieldStatus: s.StatusArchived, s.FieldAuthor: w.facilitator.ID()} {
		if st, _ := call(t, w.facilitator, "PATCH", "/api/collections/initiatives/records/"+w.public.Id, map[string]any{field: v}); st == 200 {
			t.Errorf("a facilitator changed the %s of someone else's record", field)
		}
	}

	released := loosen(t, w, s.Initiatives, func(r string) string {
		return strings.Replace(r, `@request.auth.role = "facilitator" && deleted = false`, `@request.auth.role = "nobody" && deleted = false`, 1)
	})
	if !released {
		t.Fatal("control: the facilitator clause is not in the update rule")
	}
	if bad := check(); len(bad) == 0 {
		t.Fatal("control: without the facilitators' reach the matrix still passes")
	}
}

// okOf folds statuses into allowed or not (a refusal is 400, 403 or 404 depending on what the
// requester may see).
func okOf(status int) bool { return status/100 == 2 }

// loosen rewrites the update rule of coll with edit; false when it changed nothing.
func loosen(t *testing.T, w *world, coll string, edit func(string) string) bool {
	return setRule(t, w, coll, func(c *core.Collection) **string { return &c.UpdateRule }, edit)
}

func setRule(t *testing.T, w *world, coll string, which func(*core.Collection) **string, edit func(string) string) bool {
	t.Helper()
	c, err := w.srv.App.FindCollectionByNameOrId(coll)
	if err != nil {
		t.Fatal(err)
	}
	r := which(c)
	old := **r
	changed := edit(old)
	*r = &changed
	if err := w.srv.App.Save(c); err != nil {
		t.Fatal(err)
	}
	return changed != old
}

// TestSuggestionRuleMatrix: who may suggest on the author's public record, read the
// suggestion, delete it and decide it (anonymous, resident = suggester, another resident,
// the record's author, a facilitator as trusted member, a moderator). The control: a
// suggestions read rule opened to every signed-in person makes the read row fail.
func TestSuggestionRuleMatrix(t *testing.T) {
	w := newWorld(t)
	for _, c := range []struct {
		who  *synctest.User
		rec  *core.Record
		want bool
	}{
		{w.anonymous, w.public, false}, {w.author, w.public, false}, {w.facilitator, w.public, false},
		{w.moderator, w.public, false}, {w.other, w.group, false}, {w.facilitator, w.pending, false}, {w.other, w.public, true},
		{w.resident, w.public, true},
	} {
		st, _ := suggest(t, c.who, c.rec, map[string]any{"description": "après"})
		if okOf(st) != c.want {
			t.Errorf("%s suggests on %s: %d, want allowed=%v", c.who, c.rec.GetString("name"), st, c.want)
		}
	}
	_, id := suggest(t, w.resident, w.public, map[string]any{"description": "encore"})
	readers := map[*synctest.User]bool{w.anonymous: false, w.resident: true, w.other: false, w.author: true, w.facilitator: true, w.moderator: true}
	readRow := func() []string {
		var bad []string
		for u, want := range readers {
			st, _ := call(t, u, "GET", "/api/collections/suggestions/records/"+id, nil)
			if okOf(st) != want {
				bad = append(bad, fmt.Sprintf("%s reads: %d, want %v", u, st, want))
			}
		}
		return bad
	}
	if bad := readRow(); len(bad) > 0 {
		t.Fatalf("read row:\n%s", strings.Join(bad, "\n"))
	}
	for _, u := range []*synctest.User{w.anonymous, w.resident, w.other, w.facilitator} {
		if st, _ := call(t, u, "POST", "/api/maillage/suggestions/"+id+"/accept", map[string]any{}); okOf(st) {
			t.Errorf("%s accepted a suggestion on someone else's record", u)
		}
	}
	for _, u := range []*synctest.User{w.other, w.author, w.moderator} {
		if st, _ := call(t, u, "DELETE", "/api/collections/suggestions/records/"+id, nil); okOf(st) {
			t.Errorf("%s deleted someone else's suggestion", u)
		}
	}
	if st, _ := call(t, w.resident, "PATCH", "/api/collections/suggestions/records/"+id, map[string]any{"status": "accepted"}); okOf(st) {
		t.Error("the suggester accepted their own suggestion by an update")
	}
	if st, _ := call(t, w.moderator, "POST", "/api/maillage/suggestions/"+id+"/accept", map[string]any{}); !okOf(st) {
		t.Errorf("a moderator could not accept: %d", st)
	}
	_, mine := suggest(t, w.resident, w.public, map[string]any{"name": "Jardin"})
	if st, _ := call(t, w.resident, "DELETE", "/api/collections/suggestions/records/"+mine, nil); !okOf(st) {
		t.Errorf("the suggester could not withdraw a pending suggestion: %d", st)
	}

	setRule(t, w, s.Suggestions, func(c *core.Collection) **string { return &c.ViewRule }, func(string) string { return `@request.auth.id != ""` })
	if bad := readRow(); len(bad) == 0 {
		t.Fatal("control: a read rule open to everyone signed in still passes the read row")
	}
}
