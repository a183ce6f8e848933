package geoapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/geoapi"
	s "github.com/maillage/maillage/schema"
)

// fc is a decoded FeatureCollection.
type fc struct {
	Type     string `json:"type"`
	Features []struct {
		Type     string `json:"type"`
		ID       string `json:"id"`
		Geometry struct {
			Type        string     `json:"type"`
			Coordinates [2]float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties map[string]any `json:"properties"`
	} `json:"features"`
	Truncated bool `json:"truncated"`
}

// ids are the features' ids, sorted unless keepOrder.
func (c fc) ids(keepOrder bool) []string {
	out := make([]string, 0, len(c.Features))
	for _, f := range c.Features {
		out = append(out, f.ID)
	}
	if !keepOrder {
		sort.Strings(out)
	}
	return out
}

// get runs GET url as the holder of token ("" for anonymous), checks a 200 GeoJSON answer and
// returns it decoded.
func get(t *testing.T, w *world, url, token string) fc {
	t.Helper()
	var got fc
	sc := tests.ApiScenario{
		Name: url, Method: http.MethodGet, URL: url,
		Headers:         map[string]string{"Authorization": token},
		ExpectedStatus:  http.StatusOK,
		ExpectedContent: []string{`"type":"FeatureCollection"`},
		TestAppFactory:  func(testing.TB) *tests.TestApp { return w.app },
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if ct := res.Header.Get("Content-Type"); ct != geoapi.GeoJSONContentType {
				t.Errorf("content type: got %q, want %q", ct, geoapi.GeoJSONContentType)
			}
			body, _ := io.ReadAll(res.Body)
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("decode %s: %v", body, err)
			}
			if _, err := geo.Validate(body); err != nil {
				t.Errorf("answer is not valid RFC 7946: %v", err)
			}
		},
		DisableTestAppCleanup: true,
	}
	sc.Test(t)
	return got
}

func sorted(ids ...string) []string { sort.Strings(ids); return ids }

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

func TestBBoxGoesThroughTheListRule(t *testing.T) {
	w := newWorld(t)
	public := w.add(t, s.Initiatives, w.facilitator, basilique, nil)
	private := w.add(t, s.Initiatives, w.facilitator, nearBasilica, map[string]any{s.FieldVisibility: s.VisibilityPrivate})
	pending := w.add(t, s.Initiatives, w.resident, nearBasilica, nil) // a resident's: pending
	w.add(t, s.Initiatives, w.facilitator, mairieAuber, nil)          // outside the box
	url := "/api/geo/initiatives?bbox=" + bboxAroundBasilica
	cases := []struct {
		who, token string
		want       []string
	}{
		{"anonymous", "", []string{public.Id}},
		{"another resident", w.otherToken, []string{public.Id}},
		{"the pending record's author", w.resToken, []string{public.Id, pending.Id}},
		{"the private record's author", w.facToken, []string{public.Id, private.Id}},
		{"a moderator (sees pending, not private)", w.modTo, []string{public.Id, pending.Id}},
		// Negative control: the box does hold the hidden records; only the rule keeps them out.
		{"a superuser (no rule)", w.superToken, []string{public.Id, private.Id, pending.Id}},
	}
	for _, c := range cases {
		t.Run(c.who, func(t *testing.T) {
			if got := get(t, w, url, c.token).ids(false); !equal(got, sorted(c.want...)) {
				t.Errorf("got %v, want %v", got, sorted(c.want...))
			}
		})
	}
}

func TestCategoryAndCommuneFilters(t *testing.T) {
	w := newWorld(t)
	garden := categoryID(t, w.app, "jardins-partages")
	inDenis := w.add(t, s.Initiatives, w.facilitator, basilique, map[string]any{"categories": []string{garden}})
	w.add(t, s.Initiatives, w.facilitator, farInDenis, nil)
	inAuber := w.add(t, s.Initiatives, w.facilitator, mairieAuber, map[string]any{"categories": []string{garden}})
	cases := []struct {
		query string
		want  []string
	}{
		{"category=jardins-partages", []string{inDenis.Id, inAuber.Id}},
		{"category=" + garden, []string{inDenis.Id, inAuber.Id}},
		{"category=jardins-partages&commune=93001", []string{inAuber.Id}},
		{"commune=93066&bbox=" + bboxAroundBasilica, []string{inDenis.Id}},
		{"category=velo", nil},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			if got := get(t, w, "/api/geo/initiatives?"+c.query, "").ids(false); !equal(got, sorted(c.want...)) {
				t.Errorf("got %v, want %v", got, sorted(c.want...))
			}
		})
	}
}

func TestNearSortsByDistance(t *testing.T) {
	w := newWorld(t)
	far := w.add(t, s.Events, w.facilitator, farInDenis, nil)
	at := w.add(t, s.Events, w.facilitator, basilique, nil)
	close := w.add(t, s.Events, w.facilitator, nearBasilica, nil)
	w.add(t, s.Events, w.facilitator, mairieAuber, nil)
	near := "/api/geo/events?near=2.3596,48.9356&radius="
	if got := get(t, w, near+"500", "").ids(true); !equal(got, []string{at.Id, close.Id}) {
		t.Errorf("radius 500: got %v, want %v in this order", got, []string{at.Id, close.Id})
	}
	got := get(t, w, near+"2000", "")
	if ids := got.ids(true); !equal(ids, []string{at.Id, close.Id, far.Id}) {
		t.Fatalf("radius 2000: got %v, want %v in this order", ids, []string{at.Id, close.Id, far.Id})
	}
	if d := got.Features[2].Properties["distance"].(float64); d < 1000 || d > 1400 {
		t.Errorf("distance of the far event: got %v m, want about 1,200", d)
	}
}

func TestLimitCutsAndSaysSo(t *testing.T) {
	w := newWorld(t)
	w.add(t, s.Initiatives, w.facilitator, basilique, nil)
	w.add(t, s.Initiatives, w.facilitator, nearBasilica, nil)
	got := get(t, w, "/api/geo/initiatives?limit=1", "")
	if len(got.Features) != 1 || !got.Truncated {
		t.Errorf("got %d features, truncated %v; want 1, true", len(got.Features), got.Truncated)
	}
	if got := get(t, w, "/api/geo/initiatives?limit=2", ""); len(got.Features) != 2 || got.Truncated {
		t.Errorf("got %d features, truncated %v; want 2, false", len(got.Features), got.Truncated)
	}
}

func TestPropertiesAreFlat(t *testing.T) {
	w := newWorld(t)
	garden := categoryID(t, w.app, "jardins-partages")
	food := categoryID(t, w.app, "alimentation")
	w.add(t, s.Initiatives, w.facilitator, basilique, map[string]any{"categories": []string{garden, food}})
	got := get(t, w, "/api/geo/initiatives", "")
	if len(got.Features) != 1 {
		t.Fatalf("got %d features, want 1", len(got.Features))
	}
	f := got.Features[0]
	for k, v := range f.Properties {
		switch v.(type) {
		case map[string]any, []any:
			t.Errorf("property %s is nested: %v", k, v)
		}
	}
	if f.Properties["name"] != "Jardin partagé" || f.Properties["categories"] != garden+", "+food {
		t.Errorf("got name %v, categories %v", f.Properties["name"], f.Properties["categories"])
	}
	if c := f.Geometry.Coordinates; f.Geometry.Type != "Point" || c != [2]float64(basilique) {
		t.Errorf("geometry: got %s %v, want Point %v", f.Geometry.Type, c, basilique)
	}
}
