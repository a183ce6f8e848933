package geoapi_test

import (
	"os"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/ui"

	"github.com/maillage/maillage/internal/fixtures"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// Places of Plaine Commune the tests put records at.
var (
	basilique    = lonLat{2.3596, 48.9356} // Saint-Denis
	mairieAuber  = lonLat{2.3831, 48.9146} // Aubervilliers
	nearBasilica = lonLat{2.3610, 48.9362} // ~120 m from the basilica
	farInDenis   = lonLat{2.3450, 48.9300} // ~1.2 km from the basilica
)

// lonLat is a longitude, latitude pair.
type lonLat [2]float64

func (p lonLat) geo() map[string]any { return map[string]any{"lon": p[0], "lat": p[1]} }

// bboxAroundBasilica holds basilique and nearBasilica, not farInDenis nor mairieAuber.
const bboxAroundBasilica = "2.355,48.932,2.365,48.940"

func TestMain(m *testing.M) {
	// apis.NewRouter binds the dashboard's UI route on OnServe without an id, so a second
	// ApiScenario on one app panics (PocketBase v0.39.11); these tests never load the dashboard.
	ui.DistDirFS = nil
	code := m.Run()
	if benchDir != "" {
		_ = os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// world is a test app with Plaine Commune's communes and people of each kind.
type world struct {
	app                                   *tests.TestApp
	facilitator, resident, other, mod     *core.Record
	facToken, resToken, otherToken, modTo string
	superToken                            string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{app: testapp.New(t, server.Config{})}
	importFile(t, w.app, "plaine-commune-9-communes.geojson", "Plaine Commune")
	w.facilitator, w.facToken = testapp.NewUser(t, w.app, "fac@example.org", s.RoleFacilitator)
	w.resident, w.resToken = testapp.NewUser(t, w.app, "res@example.org", s.RoleResident)
	w.other, w.otherToken = testapp.NewUser(t, w.app, "other@example.org", s.RoleResident)
	w.mod, w.modTo = testapp.NewUser(t, w.app, "mod@example.org", s.RoleModerator)
	w.superToken = superuserToken(t, w.app)
	return w
}

// importFile loads a real boundaries file of the repository's testdata as territory.
func importFile(t testing.TB, app core.App, name, territory string) geoapi.ImportResult {
	t.Helper()
	res, err := geoapi.ImportTerritory(app, fixtures.Read(t, "boundaries", name), geoapi.ImportOptions{Territory: territory})
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return res
}

func superuserToken(t testing.TB, app core.App) string {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	su := core.NewRecord(col)
	su.SetEmail("root@example.org")
	su.SetPassword("correct horse battery")
	if err := app.Save(su); err != nil {
		t.Fatalf("save superuser: %v", err)
	}
	token, err := su.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// add saves a content record with its required fields, fields on top.
func (w *world) add(t testing.TB, collection string, author *core.Record, at lonLat, fields map[string]any) *core.Record {
	t.Helper()
	all := map[string]any{s.FieldGeo: at.geo()}
	switch collection {
	case s.Events:
		all["title"], all["start"] = "Atelier vélo", "2026-12-05 14:00:00.000Z"
	case s.Offers:
		all["title"], all["kind"], all["mode"] = "Perceuse à prêter", "offer", "loan"
	default:
		all["name"] = "Jardin partagé"
	}
	if author != nil {
		all[s.FieldAuthor] = author.Id
	}
	for k, v := range fields {
		all[k] = v
	}
	return testapp.NewRecord(t, w.app, collection, all)
}

// categoryID is the id of the category with slug.
func categoryID(t testing.TB, app core.App, slug string) string {
	t.Helper()
	r, err := app.FindFirstRecordByData(s.Categories, "slug", slug)
	if err != nil {
		t.Fatalf("category %s: %v", slug, err)
	}
	return r.Id
}

func serverConfig() server.Config { return server.Config{} }

func dbxTerritory(territory string) dbx.Expression {
	return dbx.HashExp{s.CommuneFields.Territory: territory}
}
