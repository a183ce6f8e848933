package leaktest

import (
	"encoding/json"
	"net/http"
	"os"
	"slices"
	"strings"

	s "github.com/maillage/maillage/schema"
)

// long reports whether the long run is asked (LEAKTEST_LONG=1).
func long() bool { return os.Getenv("LEAKTEST_LONG") != "" }

// readPath is one row of the table of read paths: a family name and what it calls as v.
type readPath struct {
	family string
	run    func(m *matrix, v *viewer)
}

// readPaths is the table of every read path the matrix calls (realtime runs apart: it needs
// writes while every viewer listens).
var readPaths = []readPath{
	{"rest-list", restList},
	{"rest-view", restView},
	{"search", search},
	{"filter", filterProbes},
	{"sort", sortProbes},
	{"sync", syncPaths},
	{"geo", geoPaths},
	{"export", exportPaths},
	{"per-record", perRecordPaths},
	{"site", sitePaths},
}

// syncPaths snapshots every synced collection and pulls from the start, as v.
func syncPaths(m *matrix, v *viewer) {
	_, body := m.get(v, "sync", "/api/sync/info")
	var info struct {
		Collections []string `json:"collections"`
	}
	_ = json.Unmarshal(body, &info)
	for _, c := range info.Collections {
		req := map[string]any{"clientId": v.ClientID, "collection": c, "limit": 500}
		for range 20 {
			_, page, _ := v.Call(http.MethodPost, "/api/sync/snapshot", req)
			m.scan(v, "sync", "snapshot "+c, page, false)
			var p struct {
				SnapshotSeq int64  `json:"snapshotSeq"`
				NextAfterID string `json:"nextAfterId"`
				Done        bool   `json:"done"`
			}
			if json.Unmarshal(page, &p) != nil || p.Done {
				break
			}
			req["snapshotSeq"], req["afterId"] = p.SnapshotSeq, p.NextAfterID
		}
	}
	cursor := ""
	for range 50 {
		_, page, _ := v.Call(http.MethodPost, "/api/sync/pull", map[string]any{"clientId": v.ClientID, "cursor": cursor, "limit": 1000})
		m.scan(v, "sync", "pull", page, false)
		var p struct {
			Cursor  string `json:"cursor"`
			HasMore bool   `json:"hasMore"`
		}
		if json.Unmarshal(page, &p) != nil || !p.HasMore {
			break
		}
		cursor = p.Cursor
	}
}

// geoPaths asks the geo API for every mapped collection, with every property it serves.
func geoPaths(m *matrix, v *viewer) {
	for _, c := range []string{s.Initiatives, s.Organisations, s.Events, s.Offers} {
		base := "/api/geo/" + c + "?bbox=-180,-90,180,90&limit=1000"
		m.get(v, "geo", base)
		m.get(v, "geo", base+"&fields="+strings.Join(m.w.textFields(c), ","))
		m.get(v, "geo", "/api/geo/"+c+"?near=2.35,48.9&radius=100000&limit=1000")
	}
}

// exportPaths fetches every open-data export of every content collection, and the activity
// stream.
func exportPaths(m *matrix, v *viewer) {
	for _, c := range s.Content {
		for _, f := range []string{"geojson", "csv", "jsonld", "ics"} {
			m.get(v, "export", "/api/maillage/export/"+c+"."+f)
		}
	}
	m.get(v, "export", "/api/maillage/activity")
	m.get(v, "export", "/api/maillage/activity?page=first")
}

// perRecordPaths calls, for every generated record, the routes that take a record: its
// JSON-LD, federation object, redirect, decisions, an organisation's actor and outbox, an
// offer's busy dates, a proposal's results and follow state, a user's contributions.
func perRecordPaths(m *matrix, v *viewer) {
	for i, r := range m.w.order {
		c, id := r.Collection().Name, r.Id
		if !long() && (i%2 == 1 || !slices.Contains(append(contentCollections, s.Proposals), c)) {
			continue // the routes take content records and proposals: every other one of the grid; the long run tries all
		}
		m.get(v, "per-record", "/api/maillage/jsonld/"+c+"/"+id)
		m.get(v, "per-record", "/federation/objects/"+c+"/"+id)
		m.get(v, "per-record", "/api/maillage/redirect/"+c+"/"+id)
		m.get(v, "per-record", "/api/maillage/moderation/decisions?collection="+c+"&recordId="+id)
		switch c {
		case s.Organisations:
			m.get(v, "per-record", "/federation/organisations/"+id)
			m.get(v, "per-record", "/federation/organisations/"+id+"/outbox?page=1")
		case s.Offers:
			m.get(v, "per-record", "/api/maillage/offers/"+id+"/busy")
		case s.Proposals:
			m.get(v, "per-record", "/api/maillage/proposals/"+id+"/results")
			m.get(v, "per-record", "/api/maillage/proposals/"+id+"/follow")
		}
	}
	for _, u := range m.w.viewers[1:] {
		m.get(v, "per-record", "/api/maillage/contributors/"+u.ID())
	}
}

// sitePaths calls the routes about the whole territory: the network and its exports, the
// indicators, federation's actor, outbox and collections, nodeinfo, the moderation queue and
// duplicates, the sources' credits, the config, and the viewer's own account export.
func sitePaths(m *matrix, v *viewer) {
	for _, p := range []string{"/api/maillage/network", "/api/maillage/network/kumu.json", "/api/maillage/network.gexf",
		"/api/maillage/indicators", "/api/maillage/indicators.csv", "/api/maillage/indicators?format=csv",
		"/federation/territory", "/federation/territory/outbox", "/federation/territory/outbox?page=1",
		"/federation/territory/followers", "/federation/territory/following", "/nodeinfo/2.1",
		"/api/maillage/duplicates", "/api/maillage/sources", "/api/maillage/config", "/api/maillage/me/export"} {
		m.get(v, "site", p)
	}
	status, body, _ := v.Call(http.MethodGet, "/api/maillage/moderation/queue", nil)
	if status == http.StatusOK {
		m.scan(v, "site", "/api/maillage/moderation/queue", body, true)
	}
}

// textFields lists c's fields that carry canaries and that the geo API may serve.
func (w *world) textFields(coll string) []string {
	c, err := w.srv.App.FindCachedCollectionByNameOrId(coll)
	if err != nil {
		return nil
	}
	var out []string
	for _, f := range c.Fields {
		if !f.GetHidden() && !slices.Contains([]string{"geo", "id"}, f.GetName()) && slices.Contains([]string{"text", "editor", "url", "json"}, f.Type()) {
			out = append(out, f.GetName())
		}
	}
	return out
}
