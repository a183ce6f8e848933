package leaktest

import (
	"encoding/json"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// The REST read paths: list and view, each with and without expand (every relation and the
// relations of their targets), and the probes: filters and sorts on fields the viewer may not
// read, through relations, back-relations and @collection.

// collections returns the world's collections (system ones aside: PocketBase's own auth
// machinery, _superusers, _mfas, _otps, _externalAuths, _authOrigins, which no rule opens).
func (w *world) collections() []*core.Collection {
	all, _ := w.srv.App.FindAllCollections()
	var out []*core.Collection
	for _, c := range all {
		if !c.System {
			out = append(out, c)
		}
	}
	return out
}

// expandOf lists every relation of c and, one level further, the relations of their targets.
func (w *world) expandOf(c *core.Collection) string {
	var paths []string
	for _, f := range c.Fields {
		rel, ok := f.(*core.RelationField)
		if !ok {
			continue
		}
		paths = append(paths, rel.Name)
		if target, err := w.srv.App.FindCachedCollectionByNameOrId(rel.CollectionId); err == nil {
			for _, g := range target.Fields {
				if _, ok := g.(*core.RelationField); ok {
					paths = append(paths, rel.Name+"."+g.GetName())
				}
			}
		}
	}
	return strings.Join(paths, ",")
}

// restList lists every collection as v, plain and expanded.
func restList(m *matrix, v *viewer) {
	for _, c := range m.w.collections() {
		base := "/api/collections/" + c.Name + "/records?perPage=500&skipTotal=1"
		m.get(v, "rest-list", base)
		m.get(v, "rest-list+expand", base+"&expand="+url.QueryEscape(m.w.expandOf(c)))
	}
}

// restView views the generated records as v, expanded: every other one in the short run
// (the grid's neighbours differ by one status or visibility), all of them in the long one.
func restView(m *matrix, v *viewer) {
	for i, r := range m.w.order {
		if !long() && i%2 == 1 {
			continue
		}
		c := r.Collection()
		m.get(v, "rest-view+expand", "/api/collections/"+c.Name+"/records/"+r.Id+"?expand="+url.QueryEscape(m.w.expandOf(c)))
	}
}

// probe asks coll's list for the records matching filter (or sorted by sort) and returns the
// ids answered (nil on a refusal).
func (m *matrix) probe(v *viewer, coll, filter, sort string) []string {
	q := url.Values{"perPage": {"500"}, "skipTotal": {"1"}, "fields": {"id"}}
	if filter != "" {
		q.Set("filter", filter)
	}
	if sort != "" {
		q.Set("sort", sort)
	}
	status, body, err := v.Call("GET", "/api/collections/"+coll+"/records?"+q.Encode(), nil)
	m.mu.Lock()
	m.checks++
	m.mu.Unlock()
	if err != nil || status != 200 {
		return nil
	}
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	_ = json.Unmarshal(body, &page)
	ids := make([]string, len(page.Items))
	for i, it := range page.Items {
		ids[i] = it.ID
	}
	return ids
}

// search asks every collection's list for the records whose text holds "leak" in any field
// the generator filled, as a search box would (the PWA searches its synced copy, covered by
// the sync family; this is the server-side form of the same question), scanning the records.
func search(m *matrix, v *viewer) {
	for _, c := range m.w.collections() {
		var terms []string
		for _, f := range m.w.textFields(c.Name) {
			terms = append(terms, f+` ~ "leak"`)
		}
		if len(terms) > 0 {
			m.get(v, "search", "/api/collections/"+c.Name+"/records?perPage=500&skipTotal=1&filter="+url.QueryEscape(strings.Join(terms, " || ")))
		}
	}
}
