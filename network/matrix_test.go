package network_test

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// action is one request of the matrix, made as u; it returns the status.
type action struct {
	name string
	do   func(w *world, u *synctest.User) int
}

func newLink(w *world, u *synctest.User, extra map[string]any) map[string]any {
	b := map[string]any{
		s.FieldLinkFromCollection: s.Organisations, s.FieldLinkFromID: w.source.Id,
		s.FieldLinkToCollection: s.Initiatives, s.FieldLinkToID: w.target.Id,
		s.FieldLinkType: "sharedPlace", s.FieldLinkDirected: false, s.FieldStatus: s.LinkProposed,
		s.FieldVisibility: s.VisibilityPublic, s.FieldAuthor: u.ID(),
	}
	for k, v := range extra {
		b[k] = v
	}
	return b
}

func patch(coll string, r func(w *world) *core.Record, body map[string]any) func(w *world, u *synctest.User) int {
	return func(w *world, u *synctest.User) int { return call(u, "PATCH", rec(coll, r(w).Id), body) }
}

func view(r func(w *world) *core.Record) func(w *world, u *synctest.User) int {
	return func(w *world, u *synctest.User) int { return call(u, "GET", rec(s.Links, r(w).Id), nil) }
}

func proposed(w *world) *core.Record { return w.proposed }

// fresh is a new proposal of the source editor to a new initiative of the target editor's, so
// that each action that changes a proposal finds one still proposed.
func fresh(w *world) *core.Record {
	t := w.t
	target := w.save(t, s.Initiatives, node("Atelier vélo", w.users[pTarget].ID(), nil))
	return w.link(t, w.source, target, "partnership", s.LinkProposed, nil)
}
func confirmed(w *world) *core.Record { return w.confirmed }

var actions = []action{
	{"view proposed", view(proposed)},
	{"view another's proposal", view(fresh)},
	{"view confirmed", view(confirmed)},
	{"view private note", view(func(w *world) *core.Record { return w.note })},
	{"view link to a private node", view(func(w *world) *core.Record { return w.toHidden })},
	{"propose", func(w *world, u *synctest.User) int { return call(u, "POST", rec(s.Links, ""), newLink(w, u, nil)) }},
	{"propose confirmed", func(w *world, u *synctest.User) int {
		return call(u, "POST", rec(s.Links, ""), newLink(w, u, map[string]any{s.FieldStatus: s.LinkConfirmed}))
	}},
	{"propose to a private node", func(w *world, u *synctest.User) int {
		return call(u, "POST", rec(s.Links, ""), newLink(w, u, map[string]any{s.FieldLinkToCollection: s.Organisations, s.FieldLinkToID: w.hidden.Id}))
	}},
	{"propose from the target", func(w *world, u *synctest.User) int {
		return call(u, "POST", rec(s.Links, ""), newLink(w, u, map[string]any{
			s.FieldLinkFromCollection: s.Initiatives, s.FieldLinkFromID: w.target.Id,
			s.FieldLinkToCollection: s.Organisations, s.FieldLinkToID: w.source.Id}))
	}},
	{"confirm", patch(s.Links, fresh, map[string]any{s.FieldStatus: s.LinkConfirmed})},
	{"decline", patch(s.Links, fresh, map[string]any{s.FieldStatus: s.LinkDeclined})},
	{"confirm and retype", patch(s.Links, fresh, map[string]any{s.FieldStatus: s.LinkConfirmed, s.FieldLinkType: "funding"})},
	{"rewrite proposal", patch(s.Links, fresh, map[string]any{s.FieldLinkType: "other"})},
	{"move an end", patch(s.Links, fresh, map[string]any{s.FieldLinkToCollection: s.Organisations, s.FieldLinkToID: w0hidden})},
	{"rewrite confirmed", patch(s.Links, confirmed, map[string]any{s.FieldLinkType: "other"})},
	{"delete confirmed", func(w *world, u *synctest.User) int { return call(u, "DELETE", rec(s.Links, w.confirmed.Id), nil) }},
}

// w0hidden is an id no record has: "move an end" is refused by the update rule before any
// record is looked up (the loosened control gets the model's refusal instead).
const w0hidden = "zzzzzzzzzzzzzzz"

// expected is the matrix: per action, the status for anonymous, resident, source editor,
// target editor, facilitator and moderator (the order of people). PocketBase answers 404 to
// who cannot view the record, 403 to who can view it but may not change it, 400 to a create
// the rule or the model refuses and to a change refused for one of its fields (the
// explanations of hooks/refusals.go).
var expected = map[string][6]int{
	"view proposed":               {404, 404, 200, 200, 404, 200},
	"view another's proposal":     {404, 404, 200, 200, 404, 200},
	"view confirmed":              {200, 200, 200, 200, 200, 200},
	"view private note":           {404, 404, 200, 404, 404, 404},
	"view link to a private node": {404, 404, 200, 404, 404, 200},
	"propose":                     {400, 400, 200, 400, 400, 400},
	"propose confirmed":           {400, 400, 400, 400, 400, 400},
	"propose to a private node":   {400, 400, 400, 400, 400, 400},
	"propose from the target":     {400, 400, 400, 200, 400, 400},
	"confirm":                     {404, 404, 400, 200, 404, 403},
	"decline":                     {404, 404, 400, 200, 404, 403},
	"confirm and retype":          {404, 404, 400, 400, 404, 403},
	"rewrite proposal":            {404, 404, 200, 400, 404, 403},
	"move an end":                 {404, 404, 400, 400, 404, 403},
	"rewrite confirmed":           {403, 403, 403, 403, 403, 403},
	"delete confirmed":            {403, 403, 204, 204, 403, 204},
}

// run plays every action as person in a world of its own, loosened first when asked.
func run(t *testing.T, person string, loosen func(*world)) map[string]int {
	t.Helper()
	w := newWorld(t)
	if loosen != nil {
		loosen(w)
	}
	got := map[string]int{}
	for _, a := range actions {
		got[a.name] = a.do(w, w.users[person])
	}
	return got
}

func differences(person string, got map[string]int) []string {
	var diffs []string
	i := slices.Index(people, person)
	for name, status := range got {
		if want := expected[name][i]; status != want {
			diffs = append(diffs, fmt.Sprintf("%s / %s: %d, want %d", person, name, status, want))
		}
	}
	sort.Strings(diffs)
	return diffs
}

// TestLinkRuleMatrix: every person × action on links.
func TestLinkRuleMatrix(t *testing.T) {
	if len(expected) != len(actions) {
		t.Fatalf("%d expectations for %d actions", len(expected), len(actions))
	}
	for _, p := range people {
		if diffs := differences(p, run(t, p, nil)); len(diffs) > 0 {
			t.Errorf("%s", strings.Join(diffs, "\n"))
		}
	}
}

// loosenRule rewrites one rule of links in w's schema, replacing from by to.
func loosenRule(t *testing.T, rule func(c *core.Collection) **string, from, to string) func(*world) {
	return func(w *world) {
		c, err := w.srv.App.FindCollectionByNameOrId(s.Links)
		if err != nil {
			t.Fatal(err)
		}
		r := rule(c)
		if !strings.Contains(**r, from) {
			t.Fatalf("no %q in %q", from, **r)
		}
		loosened := strings.ReplaceAll(**r, from, to)
		*r = &loosened
		if err := w.srv.App.Save(c); err != nil {
			t.Fatal(err)
		}
	}
}

func listRules(c *core.Collection) **string  { return &c.ViewRule }
func updateRule(c *core.Collection) **string { return &c.UpdateRule }

// TestLinkRuleMatrixControls: each rule made weaker, or the model's condition met, turns the
// cells it guards.
func TestLinkRuleMatrixControls(t *testing.T) {
	controls := []struct {
		name, person, cell string
		loosen             func(*world)
	}{
		{"proposed links public", pAnonymous, "view proposed",
			loosenRule(t, listRules, `(status = "confirmed" && nodesPublic = true && `, `(nodesPublic = true && `)},
		{"private notes shown to the other side", pTarget, "view private note",
			loosenRule(t, listRules, `(visibility != "private" && (`, `((`)},
		{"links to private nodes public", pAnonymous, "view link to a private node",
			loosenRule(t, listRules, `nodesPublic = true && `, ``)},
		{"anyone decides", pResident, "confirm",
			loosenRule(t, updateRule, `(@request.auth.id != "" && toEditors.id ?= @request.auth.id)`, `@request.auth.id != ""`)},
		{"the target side retypes", pTarget, "confirm and retype",
			loosenRule(t, updateRule, `@request.body.type:changed = false && `, ``)},
		{"ends move", pSource, "move an end",
			loosenRule(t, updateRule, ` && @request.body.toCollection:changed = false && @request.body.toId:changed = false`, ``)},
		{"a resident who joins the organisation proposes", pResident, "propose", func(w *world) {
			w.source.Set("members+", w.users[pResident].ID())
			if err := w.srv.App.Save(w.source); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, c := range controls {
		t.Run(c.name, func(t *testing.T) {
			got := run(t, c.person, c.loosen)
			want := expected[c.cell][slices.Index(people, c.person)]
			if got[c.cell] == want {
				t.Errorf("%s / %s still %d with the rule loosened", c.person, c.cell, want)
			}
		})
	}
}
