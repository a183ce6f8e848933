package leaktest

import (
	"strings"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// Negative control: the same world with one rule loosened — initiatives' list and view rules
// opened to everyone ("") — must make the matrix fail on the REST list and view, the search,
// the filter probes (a private record's text is now found by a filter), the sync, the geo API
// and the exports (which apply the collection's own rules) and realtime, naming the loosened
// collection. The strict
// matrix (TestLeakMatrix) passing on the real rules is then meaningful.
func TestLeakMatrixCatchesALoosenedRule(t *testing.T) {
	w := newWorld(t)
	c, err := w.srv.App.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		t.Fatal(err)
	}
	open := ""
	c.ListRule, c.ViewRule = &open, &open
	if err := w.srv.App.Save(c); err != nil {
		t.Fatal(err)
	}
	w.refresh(t) // the records the realtime family saves again carry the loosened collection
	m := newMatrix(w)
	m.w.viewers = []*viewer{w.by["anonymous"], w.by["outsider"]}
	m.run([]readPath{{"rest-list", restList}, {"rest-view", restView}, {"search", search}, {"filter", filterProbes},
		{"sync", syncPaths}, {"geo", geoPaths}, {"export", exportPaths}})
	realtime(t, m)
	t.Log(m.summary())
	for _, family := range []string{"rest-list ", "rest-view+expand ", "search ", "filter ", "sync ", "geo ", "export ", "realtime "} {
		if !m.found(family, s.Initiatives) {
			t.Errorf("with initiatives open to all, the matrix reports no leak on %s(found %d leaks in all)", family, len(m.leaks()))
		}
	}
}

// found reports whether a leak of a canary of coll was found on a path starting with prefix.
func (m *matrix) found(prefix, coll string) bool {
	for _, f := range m.findings {
		if strings.HasPrefix(f.path, prefix) && f.k.coll == coll {
			return true
		}
	}
	return false
}

// Negative control of a field kept from readers: the e-mail address of a public profile is
// shown to everyone once its owner's emailVisibility is set (what PocketBase's hiding keys
// on), and the matrix must then report that canary on the REST list, expanded relations and
// realtime (profiles are not synced).
func TestLeakMatrixCatchesAShownField(t *testing.T) {
	w := newWorld(t)
	author, err := w.srv.App.FindRecordById(s.Users, w.id("author"))
	if err != nil {
		t.Fatal(err)
	}
	author.SetEmailVisibility(true)
	if err := w.srv.App.Save(author); err != nil {
		t.Fatal(err)
	}
	w.refresh(t)
	m := newMatrix(w)
	m.w.viewers = []*viewer{w.by["anonymous"], w.by["member"]}
	m.run([]readPath{{"rest-list", restList}})
	realtime(t, m)
	for _, family := range []string{"rest-list ", "rest-list+expand ", "realtime "} {
		if !m.foundField(family, s.Users, "email") {
			t.Errorf("with the author's address shown, the matrix reports no leak of it on %s(%d leaks in all)", family, len(m.leaks()))
		}
	}
}

// foundField reports whether a leak of field of coll was found on a path starting with prefix.
func (m *matrix) foundField(prefix, coll, field string) bool {
	for _, f := range m.findings {
		if strings.HasPrefix(f.path, prefix) && f.k.coll == coll && f.k.field == field {
			return true
		}
	}
	return false
}
