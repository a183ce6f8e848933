package geoapi_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/fixtures"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// conformance is the GeoJSON conformance folder of the repository's testdata.
const conformance = "geojson-conformance"

func communeCount(t testing.TB, app core.App, territory string) int {
	t.Helper()
	n, err := app.CountRecords(s.Communes, dbxTerritory(territory))
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func TestImportUpsertsAndReplacesTheRealFiles(t *testing.T) {
	w := newWorld(t) // Plaine Commune's 9 communes, imported by newWorld
	if n := communeCount(t, w.app, "Plaine Commune"); n != 9 {
		t.Fatalf("got %d Plaine Commune communes, want 9", n)
	}
	all := importFile(t, w.app, "communes-93-seine-saint-denis.geojson", "Seine-Saint-Denis")
	if all.Created != 31 || all.Updated != 9 || all.Removed != 0 || len(all.Moved) != 9 {
		t.Errorf("93: got %+v, want 31 created, 9 updated and moved", all)
	}
	if !slices.Contains(all.Moved, "93066 Saint-Denis (was Plaine Commune)") {
		t.Errorf("moved: got %v, want Saint-Denis among them", all.Moved)
	}
	if len(all.Warnings) == 0 || !strings.Contains(strings.Join(all.Warnings, " "), "right-hand rule") {
		t.Errorf("the IGN rings are clockwise: got warnings %v", all.Warnings)
	}
	saintDenis, err := w.app.FindFirstRecordByData(s.Communes, "code", "93066")
	if err != nil {
		t.Fatal(err)
	}
	centre := saintDenis.GetGeoPoint(s.CommuneFields.Center)
	if saintDenis.GetString("territory") != "Seine-Saint-Denis" || centre.Lon < 2.3 || centre.Lon > 2.4 {
		t.Errorf("Saint-Denis: territory %q, centre %v", saintDenis.GetString("territory"), centre)
	}
	res, err := geoapi.ImportTerritory(w.app, fixtures.Read(t, "boundaries", "plaine-commune-9-communes.geojson"),
		geoapi.ImportOptions{Territory: "Seine-Saint-Denis", Replace: true})
	if err != nil || res.Updated != 9 || res.Removed != 31 || res.Created != 0 || len(res.Moved) != 0 {
		t.Errorf("replace: got %+v, %v; want 9 updated, 31 removed", res, err)
	}
}

// A save after an import uses the new territory: the geo hooks' cache resets by itself.
func TestImportedCommunesAssignAtOnce(t *testing.T) {
	w := newWorld(t)
	montreuil := lonLat{2.4410, 48.8620} // outside Plaine Commune by several km
	if err := saveAt(w, montreuil); err == nil {
		t.Fatal("a point in Montreuil was accepted with only Plaine Commune loaded")
	}
	importFile(t, w.app, "communes-93-seine-saint-denis.geojson", "Seine-Saint-Denis")
	rec := w.add(t, s.Initiatives, w.facilitator, montreuil, nil)
	commune, err := w.app.FindRecordById(s.Communes, rec.GetString(s.FieldCommune))
	if err != nil || commune.GetString("code") != "93048" {
		t.Errorf("got commune %v (%v), want Montreuil 93048", commune, err)
	}
}

func saveAt(w *world, at lonLat) error {
	col, _ := w.app.FindCollectionByNameOrId(s.Initiatives)
	r := core.NewRecord(col)
	r.Load(map[string]any{"name": "x", s.FieldAuthor: w.facilitator.Id, s.FieldGeo: at.geo()})
	return w.app.Save(r)
}

func TestImportRefusesEveryBadConformanceFile(t *testing.T) {
	app := testapp.New(t, serverConfig())
	files := append(fixtures.Glob(t, conformance, "mapbox-geojsonhint/bad/*.geojson"),
		fixtures.Glob(t, conformance, "geojson-schema-fixtures/invalid/*/*.json")...)
	if len(files) != 44+36 {
		t.Fatalf("found %d conformance files, want the whole suite (80)", len(files))
	}
	for _, f := range files {
		_, err := geoapi.ImportTerritory(app, fixtures.Read(t, f), geoapi.ImportOptions{Territory: "T"})
		var invalid *geo.ValidationError
		var fields validation.Errors
		if !errors.As(err, &invalid) && !errors.As(err, &fields) {
			t.Errorf("%s: got %v, want a refusal naming the problem", filepath.Base(f), err)
		}
	}
	if n := communeCount(t, app, "T"); n != 0 {
		t.Errorf("%d communes saved from bad files", n)
	}
}

// brokenPlaineCommune is the real file with feature 3's name removed.
func brokenPlaineCommune(t testing.TB) []byte {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(fixtures.Read(t, "boundaries", "plaine-commune-9-communes.geojson"), &doc); err != nil {
		t.Fatal(err)
	}
	features := doc["features"].([]any)
	delete(features[2].(map[string]any)["properties"].(map[string]any), "nom")
	out, _ := json.Marshal(doc)
	return out
}

func TestTerritoryRoute(t *testing.T) {
	w := newWorld(t)
	dept := fixtures.Read(t, "boundaries", "departement-93-seine-saint-denis.geojson")
	cases := []struct {
		name, url, token string
		body             []byte
		status           int
		want             []string
	}{
		{"anonymous", "?territory=X", "", dept, 401, nil},
		{"a moderator is not an admin", "?territory=X", w.modTo, dept, 403, nil},
		{"no territory name", "", w.superToken, dept, 400, []string{`"territory":{"code":"missing_territory"`}},
		{"a feature without its name", "?territory=X", w.superToken, brokenPlaineCommune(t), 400,
			[]string{`"feature 3":{"code":"invalid_feature"`, `properties \"code\" and \"nom\" are required`}},
		{"a code the communes collection refuses", "?territory=X", w.superToken, dept, 400,
			[]string{`"feature 1 (93 Seine-Saint-Denis)":{"code":"invalid_commune"`, "« 93 » n'est pas un code INSEE de commune"}},
		{"not JSON", "?territory=X", w.superToken, []byte("code;nom\n93066;Saint-Denis"), 400, []string{"Not valid JSON"}},
		{"the 40 communes of the département", "?territory=Seine-Saint-Denis", w.superToken,
			fixtures.Read(t, "boundaries", "communes-93-seine-saint-denis.geojson"), 200,
			[]string{`"created":31`, `"updated":9`, `"removed":0`}},
	}
	for _, c := range cases {
		sc := tests.ApiScenario{
			Name: c.name, Method: http.MethodPost, URL: geoapi.TerritoryPath + c.url,
			Body: bytes.NewReader(c.body), Headers: map[string]string{"Authorization": c.token},
			ExpectedStatus: c.status, ExpectedContent: append(c.want, `"`),
			TestAppFactory:        func(testing.TB) *tests.TestApp { return w.app },
			DisableTestAppCleanup: true,
		}
		sc.Test(t)
	}
	if n := communeCount(t, w.app, "X"); n != 0 {
		t.Errorf("refused uploads saved %d communes", n)
	}
}
