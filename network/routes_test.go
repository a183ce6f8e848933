package network_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/network"
	s "github.com/maillage/maillage/schema"
)

// edgeIDs and nodeIDs list what a network answer names.
func edgeIDs(g network.Graph) []string {
	var ids []string
	for _, e := range g.Edges {
		ids = append(ids, e.ID)
	}
	return ids
}

func nodeIDs(g network.Graph) []string {
	var ids []string
	for _, n := range g.Nodes {
		ids = append(ids, n.ID)
	}
	return ids
}

func fetch(t *testing.T, u *synctest.User, query string) network.Graph {
	t.Helper()
	var g network.Graph
	getJSON(t, u, network.PathNetwork+query, &g)
	return g
}

// leaks lists the links and nodes of w that must never reach an anonymous visitor and that g
// names: a proposal, a private note, a link to a private node and that node.
func leaks(w *world, g network.Graph) []string {
	var found []string
	for _, r := range []*core.Record{w.proposed, w.note, w.toHidden} {
		if slices.Contains(edgeIDs(g), r.Id) {
			found = append(found, "link "+r.GetString(s.FieldLinkType)+" "+r.Id)
		}
	}
	if slices.Contains(nodeIDs(g), w.hidden.Id) {
		found = append(found, "node "+w.hidden.GetString("name"))
	}
	return found
}

// TestNetworkShowsConfirmedPublicLinks: anonymous visitors get the confirmed public links and
// their nodes, and nothing else.
func TestNetworkShowsConfirmedPublicLinks(t *testing.T) {
	w := newWorld(t)
	g := fetch(t, w.users[pAnonymous], "")
	if got, want := edgeIDs(g), []string{w.confirmed.Id, w.tied.Id}; !sameSet(got, want) {
		t.Errorf("edges %v, want %v", got, want)
	}
	if got, want := nodeIDs(g), []string{w.source.Id, w.target.Id, w.group.Id}; !sameSet(got, want) {
		t.Errorf("nodes %v, want %v", got, want)
	}
	if l := leaks(w, g); len(l) > 0 {
		t.Errorf("leaked %v", l)
	}
}

// TestNetworkNeverLeaks: the links and nodes a person may not read stay out of the network of
// everyone but those who may read them (the source editor reads its note and the link to the
// private node, not the node; the moderator reads the node, not the note).
func TestNetworkNeverLeaks(t *testing.T) {
	w := newWorld(t)
	for _, p := range []string{pAnonymous, pResident, pTarget, pFacilitator} {
		if l := leaks(w, fetch(t, w.users[p], "")); len(l) > 0 {
			t.Errorf("%s got %v", p, l)
		}
	}
	src := fetch(t, w.users[pSource], "")
	if !slices.Contains(edgeIDs(src), w.note.Id) || slices.Contains(nodeIDs(src), w.hidden.Id) ||
		slices.Contains(edgeIDs(src), w.toHidden.Id) || slices.Contains(edgeIDs(src), w.proposed.Id) {
		t.Errorf("source editor's network: edges %v nodes %v", edgeIDs(src), nodeIDs(src))
	}
	mod := fetch(t, w.users[pModerator], "")
	if !slices.Contains(edgeIDs(mod), w.toHidden.Id) || slices.Contains(edgeIDs(mod), w.note.Id) {
		t.Errorf("moderator's network: edges %v", edgeIDs(mod))
	}
}

// TestNetworkLeakControls: with the links' list rule opened, the private note reaches anonymous
// visitors; with the organisations' opened too, the private node does: each layer is what
// keeps them out.
func TestNetworkLeakControls(t *testing.T) {
	w := newWorld(t)
	openList(t, w, s.Links)
	if l := leaks(w, fetch(t, w.users[pAnonymous], "")); !slices.Contains(l, "link supply "+w.note.Id) || slices.Contains(l, "node Collectif discret") {
		t.Errorf("links opened: leaks %v, want the note and not the private node", l)
	}
	openList(t, w, s.Organisations)
	if l := leaks(w, fetch(t, w.users[pAnonymous], "")); !slices.Contains(l, "node Collectif discret") {
		t.Errorf("links and organisations opened: leaks %v, want the private node", l)
	}
}

func openList(t *testing.T, w *world, coll string) {
	t.Helper()
	c, err := w.srv.App.FindCollectionByNameOrId(coll)
	if err != nil {
		t.Fatal(err)
	}
	open := ""
	c.ListRule = &open
	if err := w.srv.App.Save(c); err != nil {
		t.Fatal(err)
	}
}

// TestNetworkFilters: type keeps one kind of link; category and commune keep the links with a
// node in them; an unknown type is refused.
func TestNetworkFilters(t *testing.T) {
	w := newWorld(t)
	anon := w.users[pAnonymous]
	if got := edgeIDs(fetch(t, anon, "?type=membership")); !sameSet(got, []string{w.tied.Id}) {
		t.Errorf("type=membership: %v, want the membership", got)
	}
	cat, err := w.srv.App.FindFirstRecordByFilter(s.Categories, "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	w.target.Set("categories", []string{cat.Id})
	if err := w.srv.App.Save(w.target); err != nil {
		t.Fatal(err)
	}
	if got := edgeIDs(fetch(t, anon, "?category="+cat.GetString("slug"))); !sameSet(got, []string{w.confirmed.Id}) {
		t.Errorf("category: %v, want the link to the initiative of that category", got)
	}
	if got := edgeIDs(fetch(t, anon, "?commune=99999")); len(got) != 0 {
		t.Errorf("unknown commune: %v, want none", got)
	}
	if status := call(anon, "GET", network.PathNetwork+"?type=friendship", nil); status != 400 {
		t.Errorf("unknown type: %d, want 400", status)
	}
}

// TestLinksFollowTheirNodes: a member who leaves the organisation no longer speaks for it, a
// node made private takes its links out of the public network, a deleted node takes its links.
func TestLinksFollowTheirNodes(t *testing.T) {
	w := newWorld(t)
	src := w.users[pSource]
	if status := call(src, "GET", rec(s.Links, w.toHidden.Id), nil); status != 200 {
		t.Fatalf("a member reads a link of their organisation's: %d", status)
	}
	w.source.Set("members", []string{})
	if err := w.srv.App.Save(w.source); err != nil {
		t.Fatal(err)
	}
	if status := call(src, "GET", rec(s.Links, w.toHidden.Id), nil); status != 404 {
		t.Errorf("a former member reads a link of the organisation's: %d, want 404", status)
	}
	w.target.Set(s.FieldVisibility, s.VisibilityPrivate)
	if err := w.srv.App.Save(w.target); err != nil {
		t.Fatal(err)
	}
	if got := edgeIDs(fetch(t, w.users[pAnonymous], "")); slices.Contains(got, w.confirmed.Id) {
		t.Errorf("link to a node made private still public: %v", got)
	}
	if status := call(w.users[pResident], "GET", rec(s.Links, w.confirmed.Id), nil); status != 404 {
		t.Errorf("link to a node made private read by a resident: %d, want 404", status)
	}
	if err := w.srv.App.Delete(w.group); err != nil {
		t.Fatal(err)
	}
	if _, err := w.srv.App.FindRecordById(s.Links, w.tied.Id); err == nil {
		t.Errorf("the link of a deleted community remains")
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestNetworkCommunityLinks: a confirmed link for a community's members reaches its members'
// network (and its sides' and moderators'), and a link to a record for members only stays out
// of the network of whoever may not read that record (its source's editor included). Control: with the links' rule reading "community" as public, anonymous
// visitors get the members' link.
func TestNetworkCommunityLinks(t *testing.T) {
	for _, loosened := range []bool{false, true} {
		w := newWorld(t)
		member := w.users[pResident]
		w.save(t, s.Memberships, map[string]any{"community": w.group.Id, "user": member.ID(), "role": "member"})
		circle := w.save(t, s.Organisations, node("Cercle des jardiniers", w.owner.ID(),
			map[string]any{s.FieldVisibility: s.VisibilityCommunity, s.FieldCommunity: w.group.Id}))
		forMembers := w.link(t, w.source, w.target, "sharedPlace", s.LinkConfirmed,
			map[string]any{s.FieldVisibility: s.VisibilityCommunity, s.FieldCommunity: w.group.Id, s.FieldAuthor: ""})
		toCircle := w.link(t, w.source, circle, "membership", s.LinkConfirmed, map[string]any{s.FieldAuthor: ""})
		if loosened {
			c, err := w.srv.App.FindCollectionByNameOrId(s.Links)
			if err != nil {
				t.Fatal(err)
			}
			open := strings.Replace(*c.ListRule, `(visibility = "public" || `, `(visibility != "private" || `, 1)
			c.ListRule = &open
			if err := w.srv.App.Save(c); err != nil {
				t.Fatal(err)
			}
			if got := edgeIDs(fetch(t, w.users[pAnonymous], "")); !slices.Contains(got, forMembers.Id) {
				t.Errorf("control: with the rule loosened anonymous visitors still lack the members' link: %v", got)
			}
			continue
		}
		want := map[string][2]bool{ // person → {sees the members' link, sees the link to the members' record}
			pAnonymous: {false, false}, pResident: {true, false}, pFacilitator: {false, false},
			pSource: {true, false}, pModerator: {true, true}, // the source editor may not read the members' record
		}
		for p, w2 := range want {
			g := fetch(t, w.users[p], "")
			got := [2]bool{slices.Contains(edgeIDs(g), forMembers.Id), slices.Contains(edgeIDs(g), toCircle.Id)}
			if got != w2 {
				t.Errorf("%s sees {members' link, link to members' record} %v, want %v", p, got, w2)
			}
			if p == pAnonymous && slices.Contains(nodeIDs(g), circle.Id) {
				t.Errorf("anonymous visitors get the members' record")
			}
		}
	}
}
