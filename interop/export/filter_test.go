package export_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"testing"

	"github.com/maillage/maillage/interop/export"
	s "github.com/maillage/maillage/schema"
)

// featureIDs are the ids of a GeoJSON export's features, sorted.
func featureIDs(t *testing.T, body string) []string {
	t.Helper()
	var fc struct {
		Features []struct {
			ID string `json:"id"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(body), &fc); err != nil {
		t.Fatalf("decode %.200s: %v", body, err)
	}
	ids := []string{}
	for _, f := range fc.Features {
		ids = append(ids, f.ID)
	}
	sort.Strings(ids)
	return ids
}

// TestFilters: category (id or slug), commune (id or INSEE code) and organisation narrow an
// export to the records they name.
func TestFilters(t *testing.T) {
	w := newWorld(t, export.Config{})
	base := "/api/maillage/export/events.geojson"
	cases := []struct {
		query string
		want  []string
	}{
		{"", sortedIDs(w.event.Id, w.other.Id)},
		{"?category=velo", []string{w.event.Id}},
		{"?category=" + categoryID(t, w.app, "amap"), []string{w.other.Id}},
		{"?category=alimentation", []string{}}, // a parent category does not take in its children
		{"?commune=93001", []string{w.other.Id}},
		{"?commune=" + w.event.GetString(s.FieldCommune), []string{w.event.Id}},
		{"?organisation=" + w.org.Id, []string{w.event.Id}},
		{"?commune=93066&category=amap", []string{}},
	}
	for _, c := range cases {
		got := featureIDs(t, w.ok(t, base+c.query).body)
		if !equal(got, c.want) {
			t.Errorf("GET %s%s: got %v, want %v", base, c.query, got, c.want)
		}
	}
}

// TestRefusals: an unknown collection or format is a 404, a filter naming nothing (or a
// non-public organisation, or one that does not apply) a 400; each says why with a code and a
// message in the requester's language.
func TestRefusals(t *testing.T) {
	w := newWorld(t, export.Config{})
	hiddenOrg := w.hidden[0].Id
	cases := []struct {
		url, code string
		status    int
	}{
		{"/api/maillage/export/users.geojson", "export_unknown_collection", http.StatusNotFound},
		{"/api/maillage/export/initiatives.kml", "export_unknown_format", http.StatusNotFound},
		{"/api/maillage/export/initiatives.geojson?category=nope", "export_unknown_category", http.StatusBadRequest},
		{"/api/maillage/export/initiatives.csv?commune=75056", "export_unknown_commune", http.StatusBadRequest},
		{"/api/maillage/export/events.geojson?organisation=" + hiddenOrg, "export_unknown_organisation", http.StatusBadRequest},
		{"/api/maillage/export/offers.geojson?organisation=" + w.org.Id, "export_filter_not_supported", http.StatusBadRequest},
		{"/api/maillage/jsonld/initiatives/" + w.hidden[5].Id, "export_record_not_found", http.StatusNotFound},
		{"/api/maillage/activity?page=%25%25", "export_bad_page", http.StatusBadRequest},
	}
	if w.hidden[0].Collection().Name != s.Organisations || w.hidden[5].Collection().Name != s.Initiatives {
		t.Fatalf("hidden records are not in the order the cases expect")
	}
	for _, c := range cases {
		for lang, word := range map[string]string{"en": "No", "fr": "Aucun"} {
			a := w.get(t, c.url, map[string]string{"Accept-Language": lang})
			var body struct {
				Message string                    `json:"message"`
				Data    map[string]map[string]any `json:"data"`
			}
			_ = json.Unmarshal([]byte(a.body), &body)
			if a.status != c.status || !hasCode(body.Data, c.code) {
				t.Errorf("GET %s: status %d, body %s; want %d with code %s", c.url, a.status, a.body, c.status, c.code)
			}
			if c.code == "export_unknown_collection" && !startsWith(body.Message, word) {
				t.Errorf("GET %s in %s: message %q", c.url, lang, body.Message)
			}
		}
	}
}

func hasCode(data map[string]map[string]any, code string) bool {
	for _, item := range data {
		if item["code"] == code {
			return true
		}
	}
	return false
}

func startsWith(s, prefix string) bool { return len(s) >= len(prefix) && s[:len(prefix)] == prefix }

func sortedIDs(ids ...string) []string { sort.Strings(ids); return ids }

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
