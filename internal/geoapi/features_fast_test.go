package geoapi_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// The queries the written features are compared on: the full answer, a map layer's fields,
// nearby with distance and collectionName, the limit cutting, a category filter, a signed-in
// reader.
var featureQueries = []string{
	"?bbox=" + bboxAroundBasilica,
	"?bbox=" + bboxAroundBasilica + "&fields=id,description,categories,collectionName",
	"?near=2.3596,48.9356&radius=2000",
	"?near=2.3596,48.9356&radius=2000&fields=distance,collectionName,id,created,deleted",
	"?limit=1",
	"?bbox=" + bboxAroundBasilica + "&limit=1",
	"?bbox=2.3595,48.9355,2.3597,48.9357",
	"?bbox=2.2,48.8,2.5,49.0&limit=2&category=jardins-partages",
}

// For every content collection, features written straight from the columns (the server's
// path for collections without enrich hooks, blur or hidden fields) are byte for byte the
// features written through records and EnrichRecords, for records with every field filled with
// testapp.Awkward values and with empty ones, on each of featureQueries, for anonymous and a
// moderator.
func TestWrittenFeaturesEqualRecordFeatures(t *testing.T) {
	w := newWorld(t)
	h := router(t, w.app)
	for _, coll := range s.Content {
		c, err := w.app.FindCollectionByNameOrId(coll)
		if err != nil {
			t.Fatal(err)
		}
		if want := coll != s.Offers; geoapi.WritesColumns(c) != want {
			t.Fatalf("%s: written from its columns %v, want %v", coll, !want, want)
		}
		saveFilled(t, w.app, c, "000000000000001", basilique, true)
		saveFilled(t, w.app, c, "000000000000002", nearBasilica, false)
		wide := geo.Bounds{MinLon: 2.355, MinLat: 48.932, MaxLon: 2.365, MaxLat: 48.940} // bboxAroundBasilica
		narrow := geo.Bounds{MinLon: 2.3595, MinLat: 48.9355, MaxLon: 2.3597, MaxLat: 48.9357}
		if !geoapi.CoversMost(w.app, coll, wide) || geoapi.CoversMost(w.app, coll, narrow) {
			t.Fatalf("%s: the box around both records must be read in rowid order, the one around the basilica through the R*Tree", coll)
		}
		for _, query := range featureQueries {
			for _, token := range []string{"", w.modTo} {
				url := "/api/geo/" + coll + query
				fast := serveBody(t, h, url, token)
				restore := geoapi.SetFeatureWriterMode(-1)
				slow := serveBody(t, h, url, token)
				restore()
				if query == featureQueries[0] && token != "" && strings.Count(fast, `"type":"Feature"`) != 2 {
					t.Fatalf("%s: want both records for a moderator, got %s", url, fast)
				}
				if fast != slow {
					t.Errorf("%s: the written features\n%s\nthe record features\n%s", url, fast, slow)
				}
			}
		}
	}
}

// Negative control: forced on offers (their location blurred for everyone but the author),
// the column writer answers differently from the records' path, so the comparison above would
// catch a blurred collection taken down the written path.
func TestWrittenFeaturesControlBlurredOffer(t *testing.T) {
	w := newWorld(t)
	h := router(t, w.app)
	offers, err := w.app.FindCollectionByNameOrId(s.Offers)
	if err != nil {
		t.Fatal(err)
	}
	saveFilled(t, w.app, offers, "000000000000001", basilique, true)
	url := "/api/geo/offers?near=2.3596,48.9356&radius=2000"
	real := serveBody(t, h, url, w.modTo)
	restore := geoapi.SetFeatureWriterMode(1)
	forced := serveBody(t, h, url, w.modTo)
	restore()
	if forced == real || !strings.Contains(real, `"type":"Feature"`) {
		t.Fatalf("control: the column writer on a blurred offer answers as the records' path:\n%s", real)
	}
}

// router is the app's router as served.
func router(t *testing.T, app core.App) http.Handler {
	return testapp.Router(t, app)
}

func serveBody(t *testing.T, h http.Handler, url, token string) string {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, url, nil)
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: %d %s", url, rec.Code, body)
	}
	return string(body)
}

// saveFilled saves, without validation but with the hooks, a public published record of c
// with id at p, every other field set to an testapp.Awkward value (filled) or left empty.
func saveFilled(t *testing.T, app core.App, c *core.Collection, id string, p lonLat, filled bool) {
	t.Helper()
	r := core.NewRecord(c)
	r.Id = id
	for i, f := range c.Fields {
		if v := testapp.FillValue(f, i); v != nil && filled && f.GetName() != "mergedInto" { // merged records are not listed
			r.Set(f.GetName(), v)
		}
	}
	r.Set(s.FieldGeo, types.GeoPoint{Lon: p[0], Lat: p[1]})
	r.Set(s.FieldVisibility, s.VisibilityPublic)
	r.Set(s.FieldStatus, s.StatusPublished)
	r.Set(s.FieldDeleted, false)
	if err := app.SaveNoValidate(r); err != nil {
		t.Fatalf("save a filled %s: %v", c.Name, err)
	}
}
