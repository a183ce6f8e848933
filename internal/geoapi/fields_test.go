package geoapi_test

import (
	"net/http"
	"sort"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/geo"
	s "github.com/maillage/maillage/schema"
)

// keys are a feature's property names, sorted.
func keys(props map[string]any) []string {
	out := make([]string, 0, len(props))
	for k := range props {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// refused checks that url, asked with token, gets a 400 whose body holds each of want.
func refused(t *testing.T, w *world, url, token string, want ...string) {
	t.Helper()
	sc := tests.ApiScenario{
		Name: url, Method: http.MethodGet, URL: url, Headers: map[string]string{"Authorization": token},
		ExpectedStatus: http.StatusBadRequest, ExpectedContent: want,
		TestAppFactory:        func(testing.TB) *tests.TestApp { return w.app },
		DisableTestAppCleanup: true,
	}
	sc.Test(t)
}

func TestFieldsKeepOnlyTheNamedProperties(t *testing.T) {
	w := newWorld(t)
	garden := categoryID(t, w.app, "jardins-partages")
	food := categoryID(t, w.app, "alimentation")
	rec := w.add(t, s.Initiatives, w.facilitator, basilique, map[string]any{"categories": []string{garden, food}, "description": "Un jardin"})

	// Negative control: without fields, the description and the rest are there.
	if all := get(t, w, "/api/geo/initiatives", ""); len(all.Features) != 1 || all.Features[0].Properties["description"] != "Un jardin" {
		t.Fatalf("without fields: got %+v, want the description among the properties", all.Features)
	}
	got := get(t, w, "/api/geo/initiatives?fields=id,name,categories", "")
	if len(got.Features) != 1 {
		t.Fatalf("got %d features, want 1", len(got.Features))
	}
	f := got.Features[0]
	if k := keys(f.Properties); !equal(k, []string{"categories", "id", "name"}) {
		t.Errorf("properties: got %v, want [categories id name]", k)
	}
	if f.ID != rec.Id || f.Properties["categories"] != garden+", "+food || f.Geometry.Coordinates != [2]float64(basilique) {
		t.Errorf("got id %s, categories %v, point %v", f.ID, f.Properties["categories"], f.Geometry.Coordinates)
	}
	// A category filter joins categories; the trimmed columns still answer it.
	if got := get(t, w, "/api/geo/initiatives?category=jardins-partages&fields=name", "").ids(false); !equal(got, []string{rec.Id}) {
		t.Errorf("category with fields: got %v, want [%s]", got, rec.Id)
	}
	if got := get(t, w, "/api/geo/initiatives?category=velo&fields=name", ""); len(got.Features) != 0 {
		t.Errorf("category velo with fields: got %v, want none", got.ids(false))
	}
	near := get(t, w, "/api/geo/initiatives?near=2.3596,48.9356&radius=500&fields=name,+distance", "")
	if len(near.Features) != 1 || !equal(keys(near.Features[0].Properties), []string{"distance", "name"}) {
		t.Errorf("near with fields=name,distance: got %+v", near.Features)
	}
}

func TestFieldsRefusesUnknownNamesAndTheLocation(t *testing.T) {
	w := newWorld(t)
	refused(t, w, "/api/geo/initiatives?fields=id,nope,geo,name", "",
		`"fields":{"code":"unknown_fields"`, `\"nope\", \"geo\" : pas de telle propriété dans initiatives`, "description")
	refused(t, w, "/api/geo/events?fields=name", "", `\"name\" : pas de telle propriété dans events`, "title")
}

func TestFieldsNeverServeHiddenFields(t *testing.T) {
	w := newWorld(t)
	w.add(t, s.Initiatives, w.facilitator, basilique, map[string]any{"description": "Un jardin"})
	// Negative control: while description is public, it can be asked for.
	if got := get(t, w, "/api/geo/initiatives?fields=description", ""); len(got.Features) != 1 || got.Features[0].Properties["description"] != "Un jardin" {
		t.Fatalf("public description: got %+v", got.Features)
	}
	c, err := w.app.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		t.Fatal(err)
	}
	c.Fields.GetByName("description").SetHidden(true)
	if err := w.app.Save(c); err != nil {
		t.Fatal(err)
	}
	refused(t, w, "/api/geo/initiatives?fields=name,description", "", `\"description\" : pas de telle propriété`)
	// Not even for a superuser, to whom PocketBase's list API (and the full export) shows them.
	refused(t, w, "/api/geo/initiatives?fields=description", w.superToken, `\"description\" : pas de telle propriété`)
	got := get(t, w, "/api/geo/initiatives", w.otherToken)
	if _, ok := got.Features[0].Properties["description"]; ok {
		t.Errorf("the hidden description is served without fields: %v", got.Features[0].Properties)
	}
}

func TestFieldsKeepTheBlurAndTheListRule(t *testing.T) {
	w := newWorld(t)
	w.add(t, s.Offers, w.facilitator, basilique, nil)
	exact := geo.Point{Lon: basilique[0], Lat: basilique[1]}
	anon := get(t, w, "/api/geo/offers?fields=id,title", "")
	if len(anon.Features) != 1 {
		t.Fatalf("got %d offers, want 1", len(anon.Features))
	}
	c := anon.Features[0].Geometry.Coordinates
	if d := geo.DistanceMeters(exact, geo.Point{Lon: c[0], Lat: c[1]}); d < geo.BlurMinOffsetMeters-1 {
		t.Errorf("with fields, anonymous sees the offer %.0f m from its true point: not blurred", d)
	}
	// Negative control: its author sees the true point through the same URL.
	if own := get(t, w, "/api/geo/offers?fields=id,title", w.facToken); own.Features[0].Geometry.Coordinates != [2]float64(basilique) {
		t.Errorf("author: got %v, want the exact %v", own.Features[0].Geometry.Coordinates, basilique)
	}

	public := w.add(t, s.Initiatives, w.facilitator, basilique, nil)
	private := w.add(t, s.Initiatives, w.facilitator, nearBasilica, map[string]any{s.FieldVisibility: s.VisibilityPrivate})
	pending := w.add(t, s.Initiatives, w.resident, nearBasilica, nil)
	url := "/api/geo/initiatives?fields=id&bbox=" + bboxAroundBasilica
	if got := get(t, w, url, "").ids(false); !equal(got, []string{public.Id}) {
		t.Errorf("anonymous with fields=id: got %v, want only the public %s", got, public.Id)
	}
	// Negative control: the superuser (no rule) gets all three through the same URL.
	if got := get(t, w, url, w.superToken).ids(false); !equal(got, sorted(public.Id, private.Id, pending.Id)) {
		t.Errorf("superuser: got %v, want all three", got)
	}
}
