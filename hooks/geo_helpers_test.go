package hooks_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/ui"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/hooks"
	"github.com/maillage/maillage/internal/fixtures"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

func TestMain(m *testing.M) {
	// apis.NewRouter binds the dashboard's UI route on OnServe without an id, so a second
	// ApiScenario on one app panics (PocketBase v0.39.11); these tests never load the dashboard.
	ui.DistDirFS = nil
	os.Exit(m.Run())
}

// plaineCommuneFile is the demo territory's real IGN boundaries, in the repository's testdata.
var plaineCommuneFile = []string{"boundaries", "plaine-commune-9-communes.geojson"}

// lonLat is a longitude, latitude pair.
type lonLat [2]float64

func (p lonLat) geo() map[string]any { return map[string]any{"lon": p[0], "lat": p[1]} }
func (p lonLat) point() geo.Point    { return geo.Point{Lon: p[0], Lat: p[1]} }

// Places in and around Plaine Commune.
var (
	basilique   = lonLat{2.3596, 48.9356} // Saint-Denis 93066
	mairieAuber = lonLat{2.3831, 48.9146} // Aubervilliers 93001
	mairieStain = lonLat{2.3826, 48.9504} // Stains 93072
	notreDame   = lonLat{2.3499, 48.8530} // Paris, 3-7 km outside
	gareDuNord  = lonLat{2.3553, 48.8809} // Paris, 2-4 km outside
)

// geoWorld is a test app with Plaine Commune's communes and a user of each role.
type geoWorld struct {
	app                      *tests.TestApp
	resident, other, fac, mo *core.Record
	resTok, otherTok, facTok string
	modTok                   string
	communes                 map[string]string // code → id
}

func newGeoWorld(t testing.TB, cfg hooks.GeoConfig) *geoWorld {
	t.Helper()
	w := &geoWorld{app: testapp.New(t, server.Config{Hooks: hooks.Config{Geo: cfg}}), communes: map[string]string{}}
	data := fixtures.Read(t, plaineCommuneFile...)
	if _, err := geoapi.ImportTerritory(w.app, data, geoapi.ImportOptions{Territory: "Plaine Commune"}); err != nil {
		t.Fatalf("import Plaine Commune: %v", err)
	}
	all, err := w.app.FindAllRecords(s.Communes)
	if err != nil || len(all) != 9 {
		t.Fatalf("got %d communes (%v), want 9", len(all), err)
	}
	for _, c := range all {
		w.communes[c.GetString("code")] = c.Id
	}
	w.resident, w.resTok = testapp.NewUser(t, w.app, "res@example.org", s.RoleResident)
	w.other, w.otherTok = testapp.NewUser(t, w.app, "other@example.org", s.RoleResident)
	w.fac, w.facTok = testapp.NewUser(t, w.app, "fac@example.org", s.RoleFacilitator)
	w.mo, w.modTok = testapp.NewUser(t, w.app, "mod@example.org", s.RoleModerator)
	return w
}

// required are the fields each content collection needs besides its location.
var required = map[string]map[string]any{
	s.Organisations: {"name": "Association du Landy"},
	s.Initiatives:   {"name": "Jardin partagé des Francs-Moisins"},
	s.Events:        {"title": "Atelier vélo", "start": "2026-12-05 14:00:00.000Z"},
	s.Offers:        {"title": "Perceuse à prêter", "kind": "offer", "mode": "loan"},
}

// fields is collection's required fields with author and location, extra on top.
func fields(collection string, author *core.Record, at lonLat, extra map[string]any) map[string]any {
	out := map[string]any{s.FieldAuthor: author.Id, s.FieldGeo: at.geo()}
	for k, v := range required[collection] {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// newRecord builds (without saving) a record of collection at at.
func (w *geoWorld) newRecord(t testing.TB, collection string, author *core.Record, at lonLat) *core.Record {
	t.Helper()
	c, err := w.app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	r.Load(fields(collection, author, at, nil))
	return r
}

// call runs one HTTP request on w's app as the holder of token ("" for anonymous), checks
// its status and returns the body.
func (w *geoWorld) call(t *testing.T, method, url, token string, body any, want int) []byte {
	t.Helper()
	var got []byte
	sc := tests.ApiScenario{
		Name: method + " " + url, Method: method, URL: url,
		Headers:        map[string]string{"Authorization": token, "Content-Type": "application/json"},
		ExpectedStatus: want, ExpectedContent: []string{"{"},
		TestAppFactory:        func(testing.TB) *tests.TestApp { return w.app },
		DisableTestAppCleanup: true,
		AfterTestFunc: func(_ testing.TB, _ *tests.TestApp, res *http.Response) {
			buf := new(bytes.Buffer)
			_, _ = buf.ReadFrom(res.Body)
			got = buf.Bytes()
		},
	}
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		sc.Body = bytes.NewReader(b)
	}
	sc.Test(t)
	return got
}
