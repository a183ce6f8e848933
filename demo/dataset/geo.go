package dataset

import (
	"encoding/json"
	"errors"
	"fmt"
)

// GeoJSON geometry types a boundary may have.
const (
	TypePolygon      = "Polygon"
	TypeMultiPolygon = "MultiPolygon"
)

// Ring is a closed linear ring of [lon, lat] positions.
type Ring [][2]float64

// Polygon is an exterior ring followed by its holes.
type Polygon []Ring

// Geometry is a GeoJSON Polygon or MultiPolygon, held as a list of polygons either way.
type Geometry struct {
	Type     string
	Polygons []Polygon
}

// ErrGeometryType is returned for a geometry that is neither a Polygon nor a MultiPolygon.
var ErrGeometryType = errors.New("geometry is not a Polygon or MultiPolygon")

type rawGeometry struct {
	Type        string          `json:"type"`
	Coordinates json.RawMessage `json:"coordinates"`
}

// MarshalJSON writes g as a GeoJSON geometry object.
func (g Geometry) MarshalJSON() ([]byte, error) {
	var coords any = g.Polygons
	if g.Type == TypePolygon && len(g.Polygons) == 1 {
		coords = g.Polygons[0]
	}
	return json.Marshal(struct {
		Type        string `json:"type"`
		Coordinates any    `json:"coordinates"`
	}{g.Type, coords})
}

// UnmarshalJSON reads a GeoJSON Polygon or MultiPolygon geometry object.
func (g *Geometry) UnmarshalJSON(b []byte) error {
	var raw rawGeometry
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("geometry: %w", err)
	}
	g.Type = raw.Type
	switch raw.Type {
	case TypePolygon:
		var p Polygon
		if err := json.Unmarshal(raw.Coordinates, &p); err != nil {
			return fmt.Errorf("polygon coordinates: %w", err)
		}
		g.Polygons = []Polygon{p}
		return nil
	case TypeMultiPolygon:
		if err := json.Unmarshal(raw.Coordinates, &g.Polygons); err != nil {
			return fmt.Errorf("multipolygon coordinates: %w", err)
		}
		return nil
	}
	return fmt.Errorf("%w: %q", ErrGeometryType, raw.Type)
}

// Contains reports whether p lies inside g: inside an exterior ring and outside its holes.
// Winding order does not matter (the source rings are clockwise, RFC 7946 wants the reverse).
func Contains(g Geometry, p Point) bool {
	for _, poly := range g.Polygons {
		if polygonContains(poly, p) {
			return true
		}
	}
	return false
}

func polygonContains(poly Polygon, p Point) bool {
	if len(poly) == 0 || !ringContains(poly[0], p) {
		return false
	}
	for _, hole := range poly[1:] {
		if ringContains(hole, p) {
			return false
		}
	}
	return true
}

// ringContains is the even-odd ray casting test.
func ringContains(r Ring, p Point) bool {
	in := false
	for i, j := 0, len(r)-1; i < len(r); j, i = i, i+1 {
		a, b := r[i], r[j]
		if (a[1] > p.Lat) != (b[1] > p.Lat) &&
			p.Lon < (b[0]-a[0])*(p.Lat-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

// SignedArea is the ring's area in square degrees, positive when counterclockwise.
func SignedArea(r Ring) float64 {
	sum := 0.0
	for i := 0; i+1 < len(r); i++ {
		sum += r[i][0]*r[i+1][1] - r[i+1][0]*r[i][1]
	}
	return sum / 2
}
