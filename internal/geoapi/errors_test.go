package geoapi_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

func TestBadQueriesNameTheParameterAndTheForm(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		name, url string
		status    int
		want      []string
	}{
		{"three numbers", "/api/geo/initiatives?bbox=2.35,48.92,2.37", 400, []string{`"bbox":{"code":"invalid_bbox"`, "minLon,minLat,maxLon,maxLat"}},
		{"not a number", "/api/geo/initiatives?bbox=a,b,c,d", 400, []string{`"bbox"`, "bbox=a,b,c,d n'est pas une boîte"}},
		{"latitude first", "/api/geo/initiatives?bbox=48.92,2.35,48.94,182.37", 400, []string{`"bbox"`, "longitude de -180 à 180"}},
		{"min after max", "/api/geo/initiatives?bbox=2.37,48.92,2.35,48.94", 400, []string{`"bbox"`, "antiméridien"}},
		{"near without radius", "/api/geo/initiatives?near=2.35,48.93", 400, []string{`"radius":{"code":"missing_radius"`}},
		{"radius without near", "/api/geo/initiatives?radius=100", 400, []string{`"radius":{"code":"radius_without_near"`}},
		{"huge radius", "/api/geo/initiatives?near=2.35,48.93&radius=900000", 400, []string{`"radius":{"code":"invalid_radius"`, "d'au plus 50000"}},
		{"bad near", "/api/geo/initiatives?near=2.35&radius=10", 400, []string{`"near":{"code":"invalid_near"`, "near=lon,lat"}},
		{"limit zero", "/api/geo/initiatives?limit=0", 400, []string{`"limit":{"code":"invalid_limit"`, "de 1 à 5000"}},
		{"limit too big", "/api/geo/initiatives?limit=5001", 400, []string{`"limit"`}},
		{"two faults at once", "/api/geo/initiatives?bbox=1&limit=x", 400, []string{`"bbox"`, `"limit"`}},
		{"not a geo collection", "/api/geo/communes", 404, []string{"organisations, initiatives, events, offers"}},
		{"unknown collection", "/api/geo/nope", 404, []string{"Pas de données géographiques pour « nope »"}},
	}
	for _, c := range cases {
		sc := tests.ApiScenario{
			Name: c.name, Method: http.MethodGet, URL: c.url,
			ExpectedStatus: c.status, ExpectedContent: c.want,
			TestAppFactory:        func(testing.TB) *tests.TestApp { return w.app },
			DisableTestAppCleanup: true,
		}
		sc.Test(t)
	}
	english := tests.ApiScenario{
		Name: "min after max, in English", Method: http.MethodGet, URL: "/api/geo/initiatives?bbox=2.37,48.92,2.35,48.94",
		Headers:        map[string]string{"Accept-Language": "en"},
		ExpectedStatus: 400, ExpectedContent: []string{"Invalid geo query", "the minimum comes after the maximum", "antimeridian"},
		NotExpectedContent:    []string{"antiméridien", "Requête"},
		TestAppFactory:        func(testing.TB) *tests.TestApp { return w.app },
		DisableTestAppCleanup: true,
	}
	english.Test(t)
}
