package leaktest

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// The oracle: which canaries a viewer may receive, written from DESIGN.md's visibility model
// and the README's "Who sees what" (not from migrations/rules.go): a canary is readable when
// its record is, and its field is not one kept from that viewer.

// oracle answers for one world; loosen, when set, widens it (the negative controls' model of
// a loosened rule is not needed: they loosen the app, and the oracle stays strict).
type oracle struct{ w *world }

// may reports whether v may receive canary k on a path; queue is true on the moderation
// queue, which shows trusted members the pending contributions they may vote on.
func (o oracle) may(v *viewer, k canary, queue bool) bool {
	r := o.w.recs[k.id]
	if r == nil {
		return false
	}
	if k.coll == s.Sources && slices.Contains([]string{"name", "licence", "attribution"}, k.field) {
		return true // the credits every imported record owes (GET /api/maillage/sources)
	}
	if !o.reads(v, r) && !(queue && o.votesOn(v, r)) {
		return false
	}
	return o.readsField(v, r, k.field)
}

// readsField: within a readable record, people's e-mail addresses and exact locations are
// their own (offers' too: their author's).
func (o oracle) readsField(v *viewer, r *core.Record, field string) bool {
	switch {
	case r.Collection().Name == s.Users && (field == "email" || field == "geo"):
		return v.ID() == r.Id
	case slices.Contains(s.Blurred, r.Collection().Name) && field == "geo":
		return v.ID() == r.GetString("author")
	}
	return true
}

// reads reports whether v may read record r.
func (o oracle) reads(v *viewer, r *core.Record) bool {
	me, mod := v.ID(), v.role == s.RoleModerator
	g := r.GetString
	switch c := r.Collection().Name; {
	case c == s.Users:
		p := g(s.FieldProfileVisibility)
		return me == r.Id || p == "public" || (p == "members" && me != "") || mod
	case slices.Contains([]string{s.Categories, s.Communes, s.Communities}, c):
		return true
	case c == s.Memberships:
		return me != "" && (g("user") == me || o.member(v, g("community")) || mod)
	case slices.Contains(contentCollections, c):
		return o.content(v, r)
	case c == s.Comments:
		target := o.w.recs[g("recordId")]
		own := me != "" && g("author") == me
		return target != nil && o.content(v, target) && (own || (mod && g("visibility") != s.VisibilityPrivate) || (!r.GetBool("deleted") && g("status") == s.StatusPublished))
	case c == s.Revisions:
		target := o.w.recs[g("recordId")]
		return target != nil && o.reads(v, target)
	}
	return o.personal(v, r)
}

// content is the visibility model of DESIGN.md: the author reads their own; moderators all
// but private; anyone else published, not deleted, public or (signed in and, when the record
// has a community, its member) community.
func (o oracle) content(v *viewer, r *core.Record) bool {
	me, g := v.ID(), r.GetString
	vis := g(s.FieldVisibility)
	switch {
	case me != "" && g("author") == me:
		return true
	case v.role == s.RoleModerator && vis != s.VisibilityPrivate:
		return true
	case r.GetBool("deleted") || g("status") != s.StatusPublished:
		return false
	}
	return vis == s.VisibilityPublic || (vis == s.VisibilityCommunity && me != "" && (g("community") == "" || o.member(v, g("community"))))
}

// votesOn: trusted members (facilitators, moderators, residents with published
// contributions) see the others' pending contributions they would read once published.
func (o oracle) votesOn(v *viewer, r *core.Record) bool {
	c := r.Collection().Name
	if r.GetString("status") != s.StatusPending || r.GetBool("deleted") || !o.trusted(v) || r.GetString("author") == v.ID() {
		return false
	}
	published := r.Fresh()
	published.Set("status", s.StatusPublished)
	switch {
	case slices.Contains(contentCollections, c):
		return o.content(v, published)
	case c == s.Comments:
		return o.reads(v, published)
	}
	return false
}

// trusted: facilitators, moderators, and residents with five published contributions.
func (o oracle) trusted(v *viewer) bool {
	if v.role == s.RoleFacilitator || v.role == s.RoleModerator {
		return true
	}
	n := 0
	for _, r := range o.w.order {
		if v.ID() != "" && r.GetString("author") == v.ID() && r.GetString("status") == s.StatusPublished &&
			!r.GetBool("deleted") && slices.Contains(contentCollections, r.Collection().Name) {
			n++
		}
	}
	return n >= 5
}

// member reports whether v belongs to community id (the world's memberships; owners are
// coordinators of their community).
func (o oracle) member(v *viewer, id string) bool {
	return id != "" && slices.Contains(o.w.members[id], v.name)
}
