package leaktest

import (
	"testing"
	"time"

	s "github.com/maillage/maillage/schema"
)

// groups writes the communities (A: author, member, trusted, facilitator its owner; B:
// outsider, the moderator its owner), their memberships, a category and a commune.
func (w *world) groups(t testing.TB) {
	t.Helper()
	w.commA = w.save(t, s.Communities, fields{"owner": w.id("facilitator")}).Id
	w.commB = w.save(t, s.Communities, fields{"owner": w.id("moderator")}).Id
	w.members[w.commA], w.members[w.commB] = []string{"facilitator"}, []string{"moderator"}
	for _, m := range [][2]string{{"author", w.commA}, {"member", w.commA}, {"trusted", w.commA}, {"outsider", w.commB}} {
		w.members[m[1]] = append(w.members[m[1]], m[0])
		w.save(t, s.Memberships, fields{"community": m[1], "user": w.id(m[0]), "role": "member"})
	}
	w.save(t, s.Categories, fields{"slug": "leak-category"})
	w.save(t, s.Communes, fields{"code": "93066", "boundary": nil})
}

// variant is one cell of the content grid.
type variant struct {
	visibility, community, status, author string
	deleted                               bool
}

// grid is every visibility (community without and with a community) × status by author, a
// deleted published public record, a published record of community B by the outsider, and a
// private published one by the moderator.
func (w *world) grid() []variant {
	var out []variant
	for _, vc := range [][2]string{{s.VisibilityPublic, ""}, {s.VisibilityCommunity, ""}, {s.VisibilityCommunity, w.commA}, {s.VisibilityPrivate, ""}} {
		for _, st := range []string{s.StatusPending, s.StatusPublished, s.StatusRejected, s.StatusArchived} {
			out = append(out, variant{visibility: vc[0], community: vc[1], status: st, author: "author"})
		}
	}
	return append(out,
		variant{visibility: s.VisibilityPublic, status: s.StatusPublished, author: "author", deleted: true},
		variant{visibility: s.VisibilityCommunity, community: w.commB, status: s.StatusPublished, author: "outsider"},
		variant{visibility: s.VisibilityPrivate, status: s.StatusPublished, author: "moderator"})
}

// content writes the grid in every content collection, plus the trusted member's five
// published contributions (what makes a resident trusted).
func (w *world) content(t testing.TB) {
	t.Helper()
	for _, coll := range contentCollections {
		for i, v := range w.grid() {
			f := w.contentBase(coll, i)
			f[s.FieldVisibility], f[s.FieldCommunity], f[s.FieldStatus] = v.visibility, v.community, v.status
			f[s.FieldAuthor], f[s.FieldDeleted] = w.id(v.author), v.deleted
			w.save(t, coll, f)
		}
	}
	for i := range 5 {
		f := w.contentBase(s.Initiatives, i)
		f[s.FieldVisibility], f[s.FieldStatus], f[s.FieldAuthor] = s.VisibilityPublic, s.StatusPublished, w.id("trusted")
		w.save(t, s.Initiatives, f)
	}
}

// contentBase is what a record of coll needs besides the grid: required values and relations
// to other records, rotating over them so that public records link to hidden ones (expand).
func (w *world) contentBase(coll string, i int) fields {
	f := fields{"categories": []string{w.pick(s.Categories, 0)}}
	switch coll {
	case s.Initiatives:
		f["organisation"] = w.pick(s.Organisations, i+1)
	case s.Events:
		f["start"] = time.Now().Add(48 * time.Hour).UTC().Format(time.DateTime)
		f["initiative"], f["organiser"] = w.pick(s.Initiatives, i+1), w.pick(s.Organisations, i+2)
	case s.Offers:
		f["kind"], f["mode"], f["state"] = "offer", "loan", "open"
	case s.Posts:
		f["organisation"] = w.pick(s.Organisations, 1) // public, published
	case s.Pages:
		if i >= 17 { // not the author's: a page links only to what its author reads
			break
		}
		f["initiatives"], f["organisations"] = []string{w.pick(s.Initiatives, (i+3)%17)}, []string{w.pick(s.Organisations, (i+3)%17)} // the author's own
	}
	return f
}

// pick returns the id of the i-th generated record of coll (modulo their number).
func (w *world) pick(coll string, i int) string {
	var ids []string
	for _, r := range w.order {
		if r.Collection().Name == coll {
			ids = append(ids, r.Id)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	return ids[i%len(ids)]
}

// pickWhere returns the first generated record id of coll whose fields match want.
func (w *world) pickWhere(coll string, want fields) string {
	for _, r := range w.order {
		if r.Collection().Name != coll {
			continue
		}
		ok := true
		for k, v := range want {
			ok = ok && r.Get(k) == v
		}
		if ok {
			return r.Id
		}
	}
	return ""
}
