package gogocarto

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/input"
	s "github.com/maillage/maillage/schema"
)

func open(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("fixture missing: %v (copy it from shared/data, see testdata/SOURCES.md)", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func taxonomy(t *testing.T, name string) []Category {
	t.Helper()
	tax, err := DecodeTaxonomy(open(t, name))
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

func TestDecodeTaxonomy(t *testing.T) {
	short, full := taxonomy(t, "gogocartojs-taxonomy.json"), taxonomy(t, "gogocartojs-taxonomy-full.json")
	if len(short) != 8 || len(full) != 102 {
		t.Fatalf("got %d and %d categories, want 8 and 102", len(short), len(full))
	}
	want := Category{ID: "10427", Name: "Agriculture & Alimentation", ShortName: "Agricuture", Group: "Catégories Principales", Color: "#98A100"}
	if short[0] != want {
		t.Errorf("got %+v, want %+v", short[0], want)
	}
	byID := map[string]Category{}
	for _, c := range full {
		byID[c.ID] = c
	}
	child := byID["10431"] // Ruche qui dit oui, under Point distribution, under Agriculture & Alimentation
	if child.Name != "Ruche qui dit oui" || child.Parent != "10535" || byID[child.Parent].Parent != "10427" || child.Group != "type" {
		t.Errorf("got %+v (parent %+v), want Ruche qui dit oui under 10535 under 10427", child, byID[child.Parent])
	}
}

func TestDecodeElements(t *testing.T) {
	got, err := NewDecoder(taxonomy(t, "gogocartojs-taxonomy-full.json"))(open(t, "gogocartojs-elements.json"), s.Initiatives)
	if err != nil || len(got.Items) != 12 || len(got.Problems) != 0 {
		t.Fatalf("got %v, %d items, problems %v, want 12 items", err, len(got.Items), got.Problems)
	}
	first := got.Items[0]
	want := interop.Item{
		ExternalID: "10kw", Label: "element 1 (La Ruche de Chenay)", Name: "La Ruche de Chenay",
		Description: "Tous produits alimentaires locaux", Address: "5 rue Edmond Proust, 79120 Chenay, FR",
		Website: "https://laruchequiditoui.fr/fr/assemblies/8148/collections", Phone: "967556221",
		OpeningHours: "Distribution chaque jeudi de 18h à 19h", Geo: &interop.Point{Lon: -0.0339, Lat: 46.3252},
		Categories: []string{"Epicerie & Supérette", "Agriculture & Alimentation"},
	}
	if first.Extra["sourceKey"] != "Colibris" || !strings.Contains(first.Extra["optionValues"], "10429") {
		t.Errorf("got Extra %v, want the element's other members kept", first.Extra)
	}
	first.Extra = nil
	if !reflect.DeepEqual(first, want) {
		t.Errorf("got %+v, want %+v", first, want)
	}
}

func TestDecodeCategoriesWithoutTaxonomy(t *testing.T) {
	got, err := Decode(open(t, "gogocartojs-elements.json"), s.Organisations)
	if err != nil || len(got.Items) != 12 {
		t.Fatalf("got %v, %d items, want 12", err, len(got.Items))
	}
	if cats := got.Items[0].Categories; !reflect.DeepEqual(cats, []string{"10429", "10427"}) {
		t.Errorf("got %v, want the option ids", cats)
	}
	named := `{"data":[{"id":"a","name":"X","geo":{"latitude":"48.9","longitude":"2.3"},"categories":["Alimentation"],
	  "categoriesFull":[{"id":1,"name":"Alimentation durable"}]}]}`
	got, err = Decode(strings.NewReader(named), s.Initiatives)
	if err != nil || len(got.Items) != 1 || !reflect.DeepEqual(got.Items[0].Categories, []string{"Alimentation durable"}) {
		t.Errorf("got %v, %+v, want categoriesFull's names", err, got)
	}
}

func TestDecodeHistoryAndShapes(t *testing.T) {
	got, err := Decode(open(t, "gogocartojs-elements-with-history.json"), s.Initiatives)
	if err != nil || len(got.Items) != 23 {
		t.Fatalf("got %v, %d items, want 23", err, len(got.Items))
	}
	var hours []string
	for _, it := range got.Items {
		if strings.HasPrefix(it.OpeningHours, "Tu ") {
			hours = append(hours, it.OpeningHours)
		}
	}
	if want := []string{"Tu 09:00-12:00; Th 09:00-12:00; Contact par mail"}; !reflect.DeepEqual(hours, want) {
		t.Errorf("got %q, want %q", hours, want)
	}
	got, err = Decode(open(t, "gogocartojs-elements-geojson.json"), s.Initiatives)
	if err != nil || len(got.Items) != 3 || got.Items[0].Geo.Lat != 45.8899453 || !reflect.DeepEqual(got.Items[0].Categories, []string{"10485", "10473"}) {
		t.Fatalf("got %v, %+v, want 3 located items with their taxonomy ids", err, got.Items)
	}
	shapeOnly := `[{"id":"s","name":"Ligne","geoJSONFeature":{"type":"Feature","geometry":{"type":"LineString","coordinates":[[6.1,45.9,0],[6.3,45.9,0]]}}}]`
	got, err = Decode(strings.NewReader(shapeOnly), s.Initiatives)
	if err != nil || len(got.Items) != 1 || got.Items[0].Geo == nil || got.Items[0].Geo.Lon < 6.19 || got.Items[0].Geo.Lon > 6.21 {
		t.Errorf("got %v, %+v, want the shape's middle", err, got)
	}
}

func TestDecodeProblems(t *testing.T) {
	tests := []struct{ name, doc, collection, code string }{
		{"event collection", `{"data":[{"id":"a","name":"X"}]}`, s.Events, CodeWrongKind},
		{"not an object", `{"data":[42]}`, s.Initiatives, CodeNotAnObject},
		{"bad position", `{"data":[{"id":"a","name":"X","geo":{"latitude":123,"longitude":2}}]}`, s.Initiatives, "format_bad_coordinates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Decode(strings.NewReader(tt.doc), tt.collection)
			if err != nil || len(got.Items) != 0 || len(got.Problems) != 1 || got.Problems[0].Code != tt.code {
				t.Errorf("got %v, %+v, want one problem %s", err, got, tt.code)
			}
		})
	}
}

func TestDecodeRefusesOtherShapes(t *testing.T) {
	tests := []struct{ name, doc, code string }{
		{"an object without data", `{"elements":[]}`, CodeShape},
		{"not JSON", `<html>`, input.CodeNotJSON},
		{"a string", `"data"`, CodeShape},
		{"truncated", `{"data":[{"id":"a"`, input.CodeNotJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tt.doc), s.Initiatives)
			var ie *input.Error
			if !errors.As(err, &ie) || ie.Code != tt.code {
				t.Errorf("got %v, want %s", err, tt.code)
			}
		})
	}
	_, err := DecodeTaxonomy(strings.NewReader(`{"data":[]}`))
	var ie *input.Error
	if !errors.As(err, &ie) || ie.Code != CodeTaxonomyShape {
		t.Errorf("taxonomy: got %v, want %s", err, CodeTaxonomyShape)
	}
}
