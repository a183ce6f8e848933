package geo

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestCentreIsInsideEveryRealCommune(t *testing.T) {
	terr := plaineCommune(t)
	for _, c := range terr.communes {
		raw, err := json.Marshal(multiPolygonJSON(c))
		if err != nil {
			t.Fatal(err)
		}
		p, err := Centre(raw)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if !c.Contains(p) {
			t.Errorf("centre %v of %s is outside it", p, c.Name)
		}
	}
}

func TestCentreOfARingWithAHoleAtItsCentroid(t *testing.T) {
	// A square with a square hole in the middle: the centroid and the box centre fall in the
	// hole; the widest inside stretch of the middle line is then either side of it.
	raw := json.RawMessage(`{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[3,1],[3,3],[1,3],[1,1]]]}`)
	p, err := Centre(raw)
	if err != nil {
		t.Fatal(err)
	}
	if p != (Point{Lon: 0.5, Lat: 2}) && p != (Point{Lon: 3.5, Lat: 2}) {
		t.Errorf("got %v, want {0.5 2} or {3.5 2}, beside the hole", p)
	}
}

func TestCentreRefusesAMissingBoundary(t *testing.T) {
	if _, err := Centre(json.RawMessage("null")); !errors.Is(err, ErrNoBoundary) {
		t.Errorf("got %v, want ErrNoBoundary", err)
	}
}

// multiPolygonJSON writes c's shape back as a GeoJSON geometry object.
func multiPolygonJSON(c *Commune) map[string]any {
	polys := make([][][][2]float64, 0, c.shape.NumPolygons())
	for i := 0; i < c.shape.NumPolygons(); i++ {
		poly := c.shape.Polygon(i)
		var rings [][][2]float64
		for j := 0; j < poly.NumLinearRings(); j++ {
			var ring [][2]float64
			for _, xy := range poly.LinearRing(j).Coords() {
				ring = append(ring, [2]float64{xy[0], xy[1]})
			}
			rings = append(rings, ring)
		}
		polys = append(polys, rings)
	}
	return map[string]any{"type": "MultiPolygon", "coordinates": polys}
}
