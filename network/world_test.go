package network_test

import (
	"encoding/json"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The people of the network's tests: an anonymous visitor, a resident with no tie to the
// nodes, a member of the source organisation, the author of the target initiative, a
// facilitator and a moderator.
const (
	pAnonymous   = "anonymous"
	pResident    = "resident"
	pSource      = "source"
	pTarget      = "target"
	pFacilitator = "facilitator"
	pModerator   = "moderator"
)

var people = []string{pAnonymous, pResident, pSource, pTarget, pFacilitator, pModerator}

// world is a served app with the people, nodes and links of the tests:
//   - source: a public organisation whose member is the source editor; target: a public
//     initiative whose author is the target editor; hidden: a private organisation of the
//     moderator's; group: a community with its owner;
//   - proposed: source → target, proposed by the source editor; confirmed: source → target,
//     confirmed; note: source → target, confirmed but private (its author's note);
//     toHidden: source → hidden, confirmed and public; withGroup: group → source, confirmed.
type world struct {
	t                                         *testing.T
	srv                                       *synctest.Srv
	users                                     map[string]*synctest.User
	owner                                     *synctest.User
	source, target, hidden, group             *core.Record
	proposed, confirmed, note, toHidden, tied *core.Record
}

func newWorld(t *testing.T) *world {
	t.Helper()
	srv := synctest.Start(t, server.Config{})
	w := &world{t: t, srv: srv, users: map[string]*synctest.User{pAnonymous: srv.Anonymous()}}
	for _, p := range people[1:] {
		role := s.RoleResident
		if p == pFacilitator || p == pModerator {
			role = p
		}
		w.users[p] = srv.NewUser(t, p+"@example.org", role)
	}
	w.owner = srv.NewUser(t, "owner@example.org", s.RoleFacilitator)
	w.source = w.save(t, s.Organisations, node("Régie de quartier", w.owner.ID(), map[string]any{"members": []string{w.users[pSource].ID()}}))
	w.target = w.save(t, s.Initiatives, node("Jardin partagé", w.users[pTarget].ID(), nil))
	w.hidden = w.save(t, s.Organisations, node("Collectif discret", w.users[pModerator].ID(), map[string]any{s.FieldVisibility: s.VisibilityPrivate}))
	w.group = w.save(t, s.Communities, map[string]any{"name": "Jardiniers", "owner": w.owner.ID()})
	w.proposed = w.link(t, w.source, w.target, "partnership", s.LinkProposed, nil)
	w.confirmed = w.link(t, w.source, w.target, "funding", s.LinkConfirmed, nil)
	w.note = w.link(t, w.source, w.target, "supply", s.LinkConfirmed, map[string]any{s.FieldVisibility: s.VisibilityPrivate})
	w.toHidden = w.link(t, w.source, w.hidden, "partnership", s.LinkConfirmed, map[string]any{s.FieldAuthor: ""})
	w.tied = w.link(t, w.group, w.source, "membership", s.LinkConfirmed, map[string]any{s.FieldAuthor: w.owner.ID()})
	return w
}

// node is the fields of a published public node named name, by author, with extra.
func node(name, author string, extra map[string]any) map[string]any {
	f := map[string]any{"name": name, s.FieldAuthor: author, s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

// link saves a public link from → to of kind and status, proposed by the source editor, with extra.
func (w *world) link(t *testing.T, from, to *core.Record, kind, status string, extra map[string]any) *core.Record {
	t.Helper()
	f := map[string]any{
		s.FieldLinkFromCollection: from.Collection().Name, s.FieldLinkFromID: from.Id,
		s.FieldLinkToCollection: to.Collection().Name, s.FieldLinkToID: to.Id,
		s.FieldLinkType: kind, s.FieldStatus: status, s.FieldVisibility: s.VisibilityPublic,
		s.FieldAuthor: w.users[pSource].ID(), s.FieldLinkStart: "2024-03-01 00:00:00.000Z",
	}
	for k, v := range extra {
		f[k] = v
	}
	return w.save(t, s.Links, f)
}

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
	if want, ok := fields[s.FieldStatus]; ok && r.GetString(s.FieldStatus) != want {
		r.Set(s.FieldStatus, want) // a resident's content starts pending: publish it, as a moderator would
		if err := w.srv.App.Save(r); err != nil {
			t.Fatalf("publish %s: %v", coll, err)
		}
	}
	return r
}

func call(u *synctest.User, method, path string, body any) int {
	status, _, err := u.Call(method, path, body)
	if err != nil {
		return -1
	}
	return status
}

func rec(coll, id string) string {
	if id == "" {
		return "/api/collections/" + coll + "/records"
	}
	return "/api/collections/" + coll + "/records/" + id
}

// getJSON calls path as u, fails unless 200, and decodes the answer into out.
func getJSON(t *testing.T, u *synctest.User, path string, out any) {
	t.Helper()
	status, data, err := u.Call("GET", path, nil)
	if err != nil || status != 200 {
		t.Fatalf("GET %s as %s: %d %v %s", path, u, status, err, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
}
