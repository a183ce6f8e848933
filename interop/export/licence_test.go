package export_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop/export"
	s "github.com/maillage/maillage/schema"
)

// TestLicenceInEveryFormat: the configured licence and attribution are in every export: the
// GeoJSON's foreign members, the CSV's Link header, file name and columns, the JSON-LD's
// license and creditText, the activity collection's; an imported record carries its source's
// licence instead.
func TestLicenceInEveryFormat(t *testing.T) {
	cfg := export.Config{Licence: "etalab-2.0", Attribution: "Ville de Test"}
	w := newWorld(t, cfg)
	url := export.LicenceURL("etalab-2.0")
	testapp.NewRecord(t, w.app, s.Sources, map[string]any{
		s.FieldSourceName: "cartes-locales", s.FieldSourceFormat: "geojson", s.FieldSourceCollection: s.Initiatives,
		s.FieldSourceURL: "https://example.org/carte.geojson", s.FieldSourceLicence: "CC-BY-4.0",
		s.FieldSourceAttribution: "Cartes locales",
	})
	w.add(t, s.Initiatives, basilique, map[string]any{"name": "Importé", s.FieldSource: "cartes-locales", s.FieldExternalID: "42"})

	geo := w.ok(t, "/api/maillage/export/initiatives.geojson")
	var fc map[string]any
	if err := json.Unmarshal([]byte(geo.body), &fc); err != nil {
		t.Fatal(err)
	}
	if fc["licence"] != "etalab-2.0" || fc["licenceUrl"] != url || fc["attribution"] != "Ville de Test" {
		t.Errorf("GeoJSON foreign members: %v %v %v", fc["licence"], fc["licenceUrl"], fc["attribution"])
	}
	if !strings.Contains(geo.body, `"licence":"CC-BY-4.0","attribution":"Cartes locales"`) {
		t.Errorf("the imported record does not carry its source's licence: %s", geo.body)
	}
	csv := w.ok(t, "/api/maillage/export/initiatives.csv")
	if link := csv.header.Get("Link"); link != "<"+url+`>; rel="license"` {
		t.Errorf("CSV Link header %q", link)
	}
	if cd := csv.header.Get("Content-Disposition"); !strings.Contains(cd, "etalab-2.0") {
		t.Errorf("CSV file name does not name the licence: %q", cd)
	}
	if !strings.Contains(csv.body, ",etalab-2.0,Ville de Test,") {
		t.Errorf("CSV rows do not carry the licence: %s", csv.body)
	}
	for _, u := range []string{"/api/maillage/export/initiatives.jsonld", "/api/maillage/jsonld/initiatives/" + w.initiative.Id, "/api/maillage/activity"} {
		body := w.ok(t, u).body
		if !strings.Contains(body, `"license":"`+url+`"`) || !strings.Contains(body, `"creditText":"Ville de Test"`) {
			t.Errorf("GET %s lacks license or creditText: %s", u, body)
		}
	}
}

// TestDefaultLicence: with no configuration, the exports are under the ODbL.
func TestDefaultLicence(t *testing.T) {
	w := newWorld(t, export.Config{})
	body := w.ok(t, "/api/maillage/export/events.geojson").body
	if !strings.Contains(body, `"licence":"ODbL-1.0"`) || !strings.Contains(body, `"attribution":"Contributeurs de Maillage"`) ||
		!strings.Contains(body, "opendatacommons.org/licenses/odbl/1-0") {
		t.Errorf("default licence missing: %.300s", body)
	}
}
