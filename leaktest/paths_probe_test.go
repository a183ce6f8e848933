package leaktest

import (
	"slices"
	"sort"

	"github.com/pocketbase/pocketbase/core"
)

// probeTarget is a way to reach field f of collection t in a filter from collection from.
type probeTarget struct {
	from, expr string
}

// probePaths lists, for collection t's field f, the filters that reach it: directly, through
// every relation to t (r.f), through every back-relation from t (t_via_r.f) and through
// @collection from a collection anyone lists (categories).
func (w *world) probePaths(t *core.Collection, f string) []probeTarget {
	out := []probeTarget{{t.Name, f}, {"categories", "@collection." + t.Name + "." + f}}
	for _, c := range w.collections() {
		for _, fl := range c.Fields {
			rel, ok := fl.(*core.RelationField)
			if ok && rel.CollectionId == t.Id {
				out = append(out, probeTarget{c.Name, rel.Name + "." + f})
			}
			if ok && c.Name == t.Name {
				if target, err := w.srv.App.FindCachedCollectionByNameOrId(rel.CollectionId); err == nil {
					out = append(out, probeTarget{target.Name, t.Name + "_via_" + rel.Name + "." + f})
				}
			}
		}
	}
	return out
}

// filterProbes asks, for canaries v may not read, whether a filter naming their exact value
// finds anything: any record answered reveals the value (it exists, and where). The short
// run probes one forbidden canary per collection (the rules read records, not fields) and
// every e-mail address; LEAKTEST_LONG=1 probes every forbidden canary.
func filterProbes(m *matrix, v *viewer) {
	done := map[string]bool{}
	for _, k := range m.w.sortedCanaries() {
		key := k.coll
		if k.field == "email" {
			key += ".email"
		}
		if m.o.may(v, k, false) || isCoordinate(k) || (!long() && done[key]) {
			continue
		}
		done[key] = true
		c, err := m.w.srv.App.FindCachedCollectionByNameOrId(k.coll)
		if err != nil {
			continue
		}
		for _, p := range m.w.probePaths(c, k.field) {
			if ids := m.probe(v, p.from, p.expr+` ?~ "`+k.token+`"`, ""); len(ids) > 0 {
				m.fail(v, "filter "+p.from+"?filter="+p.expr, k)
			}
		}
	}
}

// sortProbes sorts, on every collection, by each field some record v reads keeps from v (an
// e-mail address, an exact location): the order answered must not depend on it.
func sortProbes(m *matrix, v *viewer) {
	for _, f := range [][2]string{{"users", "email"}, {"users", "geo.lat"}, {"offers", "geo.lat"}, {"users", "tokenKey"}, {"votes", "receiptHash"}} {
		// the viewer's own row is left out: its value is theirs to read
		up, down := without(m.probe(v, f[0], "", f[1]+",id"), v.ID()), without(m.probe(v, f[0], "", "-"+f[1]+",id"), v.ID())
		if up != nil && down != nil && !slices.Equal(up, down) {
			m.fail(v, "sort "+f[0]+"?sort="+f[1], canary{token: "(order)", coll: f[0], field: f[1], id: "*"})
		}
	}
}

// without returns ids without id (nil stays nil: a refusal).
func without(ids []string, id string) []string {
	if ids == nil {
		return nil
	}
	return slices.DeleteFunc(ids, func(x string) bool { return x == id })
}

// isCoordinate tells a location canary.
func isCoordinate(k canary) bool { return len(k.token) > 4 && k.token[:4] == "48.9" }

// sortedCanaries returns the canaries in a stable order.
func (w *world) sortedCanaries() []canary {
	out := make([]canary, 0, len(w.canaries))
	for _, k := range w.canaries {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].token < out[j].token })
	return out
}
