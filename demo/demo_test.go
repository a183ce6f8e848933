package demo_test

import (
	"encoding/json"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/demo"
	"github.com/maillage/maillage/demo/dataset"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// loaded returns a test app with the demo territory loaded once.
func loaded(t *testing.T) (core.App, demo.Stats) {
	t.Helper()
	app := testapp.New(t, server.Config{})
	st, err := demo.Load(app)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return app, st
}

func countRecords(t *testing.T, app core.App, collection string) int {
	t.Helper()
	n, err := app.CountRecords(collection)
	if err != nil {
		t.Fatalf("count %s: %v", collection, err)
	}
	return int(n)
}

func TestLoadTwiceAddsNothing(t *testing.T) {
	app, first := loaded(t)
	d, err := demo.Data()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{ // collection → {added by the first load, in the dataset}
		s.Communes:      {first.Communes, len(d.Communes)},
		s.Organisations: {first.Organisations, len(d.Organisations)},
		s.Initiatives:   {first.Initiatives, len(d.Initiatives)},
		s.Events:        {first.Events, len(d.Events)},
		s.Offers:        {first.Offers, len(d.Offers)},
	}
	for col, w := range want {
		if w[0] == 0 || w[0] != w[1] {
			t.Errorf("%s: first load added %d, want %d (> 0)", col, w[0], w[1])
		}
	}
	second, err := demo.Load(app)
	if err != nil {
		t.Fatalf("second load: %v", err)
	}
	if second.Total() != 0 {
		t.Errorf("second load added %+v, want nothing", second)
	}
	for col, w := range want {
		if got := countRecords(t, app, col); got != w[0] {
			t.Errorf("%s: %d records after two loads, want %d", col, got, w[0])
		}
	}
}

func TestCommunesNamedAsToday(t *testing.T) {
	app, _ := loaded(t)
	communes, err := app.FindAllRecords(s.Communes)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"93001": "Aubervilliers", "93027": "La Courneuve", "93031": "Épinay-sur-Seine",
		"93039": "L'Île-Saint-Denis", "93066": "Saint-Denis", "93070": "Saint-Ouen-sur-Seine",
		"93072": "Stains", "93079": "Villetaneuse",
	}
	if len(communes) != len(want) {
		t.Errorf("got %d communes, want %d (Pierrefitte-sur-Seine merged into Saint-Denis)", len(communes), len(want))
	}
	for _, c := range communes {
		code, name := c.GetString(s.CommuneFields.Code), c.GetString(s.CommuneFields.Name)
		if want[code] != name {
			t.Errorf("commune %s is named %q, want %q", code, name, want[code])
		}
		if c.GetString(s.CommuneFields.Territory) != "plaine-commune" {
			t.Errorf("commune %s: territory %q", code, c.GetString(s.CommuneFields.Territory))
		}
		g := boundary(t, c)
		if center := c.GetGeoPoint(s.CommuneFields.Center); !dataset.Contains(g, dataset.Point{Lon: center.Lon, Lat: center.Lat}) {
			t.Errorf("commune %s: center %v outside its boundary", code, center)
		}
		if code == "93066" && (g.Type != dataset.TypeMultiPolygon || len(g.Polygons) != 2) {
			t.Errorf("Saint-Denis: got %s of %d polygons, want a MultiPolygon of Saint-Denis and Pierrefitte", g.Type, len(g.Polygons))
		}
	}
}

// boundary parses a commune's stored GeoJSON geometry.
func boundary(t *testing.T, commune *core.Record) dataset.Geometry {
	t.Helper()
	var g dataset.Geometry
	raw, err := json.Marshal(commune.Get(s.CommuneFields.Boundary))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatalf("commune %s boundary: %v", commune.GetString(s.CommuneFields.Code), err)
	}
	return g
}

func TestEveryRecordInsideItsCommune(t *testing.T) {
	app, _ := loaded(t)
	communes, err := app.FindAllRecords(s.Communes)
	if err != nil {
		t.Fatal(err)
	}
	shapes := map[string]dataset.Geometry{}
	for _, c := range communes {
		shapes[c.Id] = boundary(t, c)
	}
	// negative control: a point in Paris is in no commune of the territory
	for id, g := range shapes {
		if dataset.Contains(g, dataset.Point{Lon: 2.3499, Lat: 48.8530}) {
			t.Fatalf("Notre-Dame de Paris found inside commune %s: the containment check is broken", id)
		}
	}
	for _, col := range s.Content {
		records, err := app.FindAllRecords(col)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range records {
			p := r.GetGeoPoint(s.FieldGeo)
			pt := dataset.Point{Lon: p.Lon, Lat: p.Lat}
			for id, g := range shapes {
				if inside, own := dataset.Contains(g, pt), id == r.GetString(s.FieldCommune); inside != own {
					t.Errorf("%s %s at %v: inside commune %s = %v, its commune is %s",
						col, r.GetString(s.FieldExternalID), pt, id, inside, r.GetString(s.FieldCommune))
				}
			}
		}
	}
}

func TestInitiativesComeFromBothSourcesWithoutDuplicates(t *testing.T) {
	app, _ := loaded(t)
	perSource := map[string]int{}
	records, err := app.FindAllRecords(s.Initiatives)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range records {
		perSource[r.GetString(s.FieldSource)]++
	}
	if perSource["anct-france-services"] == 0 || perSource["anct-cnfs-2022"] == 0 {
		t.Errorf("initiatives per source %v, want both ANCT sources", perSource)
	}
	// L'Île-Saint-Denis France services is in both files at the same point: one initiative.
	if _, err := app.FindFirstRecordByData(s.Initiatives, s.FieldExternalID, "62dbac59f98ccf06dc217952"); err == nil {
		t.Error("the CNFS copy of L'Île-Saint-Denis France services was loaded besides the France services record")
	}
	if _, err := app.FindFirstRecordByData(s.Initiatives, s.FieldExternalID, "2851"); err != nil {
		t.Errorf("L'Île-Saint-Denis France services (2851): %v", err)
	}
}
