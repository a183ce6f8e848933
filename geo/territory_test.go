package geo

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/fixtures"
)

// plaineCommune loads the 9 real communes of Plaine Commune (clockwise IGN rings).
func plaineCommune(t testing.TB) *Territory {
	t.Helper()
	in, _, err := ParseCommunes(fixtures.Read(t, "boundaries", "plaine-commune-9-communes.geojson"), "", "")
	if err != nil {
		t.Fatalf("parse communes: %v", err)
	}
	for i := range in {
		in[i].ID = in[i].Code
	}
	terr, skipped := NewTerritory(in)
	if len(skipped) > 0 || terr.Len() != 9 {
		t.Fatalf("got %d communes, skipped %v; want 9, none skipped", terr.Len(), skipped)
	}
	return terr
}

func TestLocateRealCommunes(t *testing.T) {
	terr := plaineCommune(t)
	cases := []struct {
		name   string
		p      Point
		code   string
		inside bool
		minKm  float64
		maxKm  float64
	}{
		{"basilique de Saint-Denis", Point{2.3596, 48.9356}, "93066", true, 0, 0},
		{"mairie d'Aubervilliers", Point{2.3831, 48.9146}, "93001", true, 0, 0},
		{"mairie de Stains", Point{2.3826, 48.9504}, "93072", true, 0, 0},
		{"Notre-Dame de Paris, outside", Point{2.3499, 48.8530}, "", false, 3, 7},
		{"Le Bourget airport, outside", Point{2.4410, 48.9600}, "", false, 0.5, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, ok := terr.Locate(c.p)
			if !ok || m.Inside != c.inside {
				t.Fatalf("got ok %v inside %v, want true %v", ok, m.Inside, c.inside)
			}
			if c.inside && (m.Commune.Code != c.code || m.DistanceMeters != 0) {
				t.Errorf("got %s at %.0f m, want %s at 0 m", m.Commune.Code, m.DistanceMeters, c.code)
			}
			if !c.inside && (m.DistanceMeters < c.minKm*1000 || m.DistanceMeters > c.maxKm*1000) {
				t.Errorf("got %.0f m from %s, want %.0f-%.0f km", m.DistanceMeters, m.Commune.Name, c.minKm, c.maxKm)
			}
		})
	}
}

func TestLocateNearestIsTheClosestBorder(t *testing.T) {
	terr := plaineCommune(t)
	p := Point{2.3499, 48.8530}
	m, _ := terr.Locate(p)
	for _, c := range terr.communes {
		if d := c.DistanceMeters(p); d < m.DistanceMeters {
			t.Errorf("commune %s is %.0f m away, nearer than the answer %s at %.0f m", c.Name, d, m.Commune.Name, m.DistanceMeters)
		}
	}
}

// square is a ring around (x, y) of half-side r, counterclockwise unless cw.
func square(x, y, r float64, cw bool) [][2]float64 {
	ring := [][2]float64{{x - r, y - r}, {x + r, y - r}, {x + r, y + r}, {x - r, y + r}, {x - r, y - r}}
	if cw {
		for i, j := 0, len(ring)-1; i < j; i, j = i+1, j-1 {
			ring[i], ring[j] = ring[j], ring[i]
		}
	}
	return ring
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestLocateHolesMultipolygonsAndWinding(t *testing.T) {
	donut := mustJSON(t, map[string]any{"type": "Polygon", "coordinates": [][][2]float64{square(2, 48, 0.1, true), square(2, 48, 0.05, false)}})
	islands := mustJSON(t, map[string]any{"type": "MultiPolygon", "coordinates": [][][][2]float64{{square(3, 48, 0.01, false)}, {square(3.5, 48, 0.01, true)}}})
	terr, skipped := NewTerritory([]CommuneInput{{ID: "d", Code: "1", Name: "Donut", Boundary: donut}, {ID: "i", Code: "2", Name: "Islands", Boundary: islands}})
	if len(skipped) > 0 {
		t.Fatalf("skipped %v", skipped)
	}
	cases := []struct {
		p      Point
		id     string
		inside bool
	}{
		{Point{2.08, 48}, "d", true},    // in the ring of the donut
		{Point{2, 48}, "d", false},      // in its hole: outside, nearest is the donut itself
		{Point{3, 48}, "i", true},       // first island
		{Point{3.5, 48.005}, "i", true}, // second island, clockwise ring
		{Point{3.25, 48}, "i", false},   // between the islands
	}
	for _, c := range cases {
		m, _ := terr.Locate(c.p)
		if m.Commune.ID != c.id || m.Inside != c.inside {
			t.Errorf("%v: got %s inside=%v, want %s inside=%v", c.p, m.Commune.ID, m.Inside, c.id, c.inside)
		}
	}
	// The hole's nearest borders are 0.05° of longitude away: 0.05 × 111.2 km × cos 48° ≈ 3720 m.
	if m, _ := terr.Locate(Point{2, 48}); math.Abs(m.DistanceMeters-3720) > 20 {
		t.Errorf("distance from the hole's centre: got %.0f m, want about 3720 m", m.DistanceMeters)
	}
}

func TestEmptyTerritoryLocatesNothing(t *testing.T) {
	var nilTerr *Territory
	for _, terr := range []*Territory{nilTerr, {}} {
		if _, ok := terr.Locate(Point{2.35, 48.93}); ok {
			t.Error("got ok for an empty territory, want false")
		}
	}
	terr, skipped := NewTerritory([]CommuneInput{{Code: "93000", Name: "Sans contour", Boundary: json.RawMessage("null")}})
	if terr.Len() != 0 || len(skipped) != 1 {
		t.Errorf("got %d communes, %d skipped; want 0 and 1", terr.Len(), len(skipped))
	}
}

func TestParseCommunesNamesFeaturesWithoutCode(t *testing.T) {
	data := []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":"X"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}`)
	_, _, err := ParseCommunes(data, "", "")
	if err == nil || !strings.Contains(err.Error(), "feature 1") || !strings.Contains(err.Error(), `"code"`) {
		t.Errorf("got %v, want an error naming feature 1 and the code property", err)
	}
}
