package geo

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/encoding/geojson"
	"github.com/twpayne/go-geom/xy"
)

// ErrNoBoundary is returned for a commune whose boundary is empty or null.
var ErrNoBoundary = errors.New("no boundary")

// CommuneInput is a commune as stored: Boundary is a GeoJSON Polygon or MultiPolygon geometry.
type CommuneInput struct {
	ID, Code, Name string
	Boundary       json.RawMessage
}

// Commune is a commune of a territory, ready for point queries.
type Commune struct {
	ID, Code, Name string
	shape          *geom.MultiPolygon
	bounds         Bounds
}

// Territory is a set of communes. The zero value and nil hold no commune.
type Territory struct {
	communes []*Commune
	bounds   Bounds
}

// Match is the commune a point belongs to: Inside is false when the point lies outside every
// polygon and Commune is the nearest one, DistanceMeters away from its border.
type Match struct {
	Commune        *Commune
	Inside         bool
	DistanceMeters float64
}

// NewTerritory builds a territory from communes. Communes whose boundary is empty or does not
// parse are left out and reported in skipped (with the reason) so that one bad row does not
// stop every save.
func NewTerritory(in []CommuneInput) (t *Territory, skipped []error) {
	t = &Territory{}
	for _, c := range in {
		shape, err := ParseBoundary(c.Boundary)
		if err != nil {
			skipped = append(skipped, fmt.Errorf("commune %s (%s): %w", c.Code, c.Name, err))
			continue
		}
		t.add(&Commune{ID: c.ID, Code: c.Code, Name: c.Name, shape: shape, bounds: boundsOf(shape)})
	}
	return t, skipped
}

func (t *Territory) add(c *Commune) {
	if len(t.communes) == 0 {
		t.bounds = c.bounds
	} else {
		t.bounds = Bounds{math.Min(t.bounds.MinLon, c.bounds.MinLon), math.Min(t.bounds.MinLat, c.bounds.MinLat),
			math.Max(t.bounds.MaxLon, c.bounds.MaxLon), math.Max(t.bounds.MaxLat, c.bounds.MaxLat)}
	}
	t.communes = append(t.communes, c)
}

// Len is the number of communes in t.
func (t *Territory) Len() int {
	if t == nil {
		return 0
	}
	return len(t.communes)
}

// Bounds is the box around every commune of t.
func (t *Territory) Bounds() Bounds { return t.bounds }

// Locate finds the commune containing p or, failing that, the nearest one. ok is false when t
// holds no commune.
func (t *Territory) Locate(p Point) (m Match, ok bool) {
	if t.Len() == 0 {
		return Match{}, false
	}
	for _, c := range t.communes {
		if c.Contains(p) {
			return Match{Commune: c, Inside: true}, true
		}
	}
	m = Match{DistanceMeters: math.Inf(1)}
	for _, c := range t.communes {
		if d := c.DistanceMeters(p); d < m.DistanceMeters {
			m.Commune, m.DistanceMeters = c, d
		}
	}
	return m, true
}

// Contains reports whether p lies inside the commune: inside an outer ring and outside its
// holes, whatever the rings' winding order.
func (c *Commune) Contains(p Point) bool {
	if !c.bounds.Contains(p) {
		return false
	}
	coord := geom.Coord{p.Lon, p.Lat}
	for i := 0; i < c.shape.NumPolygons(); i++ {
		if polygonContains(c.shape.Polygon(i), coord) {
			return true
		}
	}
	return false
}

func polygonContains(poly *geom.Polygon, coord geom.Coord) bool {
	if poly.NumLinearRings() == 0 || !xy.IsPointInRing(poly.Layout(), coord, poly.LinearRing(0).FlatCoords()) {
		return false
	}
	for j := 1; j < poly.NumLinearRings(); j++ {
		if xy.IsPointInRing(poly.Layout(), coord, poly.LinearRing(j).FlatCoords()) {
			return false
		}
	}
	return true
}

// DistanceMeters is the distance from p to the commune's nearest border (holes included), in
// metres; 0 when p is inside. It projects locally around p, which is exact to well under 1 %
// at the scale of a territory.
func (c *Commune) DistanceMeters(p Point) float64 {
	if c.Contains(p) {
		return 0
	}
	kx := metresPerDegree * math.Cos(rad(p.Lat))
	best := math.Inf(1)
	for i := 0; i < c.shape.NumPolygons(); i++ {
		poly := c.shape.Polygon(i)
		for j := 0; j < poly.NumLinearRings(); j++ {
			best = math.Min(best, ringDistance(poly.LinearRing(j), p, kx))
		}
	}
	return best
}

// ringDistance is the distance in metres from p to ring, coordinates scaled by kx (longitude)
// and metresPerDegree (latitude) around p.
func ringDistance(ring *geom.LinearRing, p Point, kx float64) float64 {
	flat, stride := ring.FlatCoords(), ring.Stride()
	local := make([]float64, 0, len(flat)/stride*2)
	for i := 0; i+1 < len(flat); i += stride {
		local = append(local, (flat[i]-p.Lon)*kx, (flat[i+1]-p.Lat)*metresPerDegree)
	}
	if len(local) == 2 {
		return math.Hypot(local[0], local[1])
	}
	return xy.DistanceFromPointToLineString(geom.XY, geom.Coord{0, 0}, local)
}

// ParseBoundary reads a GeoJSON Polygon or MultiPolygon geometry as a MultiPolygon.
func ParseBoundary(raw json.RawMessage) (*geom.MultiPolygon, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, ErrNoBoundary
	}
	var g geom.T
	if err := geojson.Unmarshal(raw, &g); err != nil {
		return nil, fmt.Errorf("parse boundary: %w", err)
	}
	switch shape := g.(type) {
	case *geom.MultiPolygon:
		return nonEmpty(shape)
	case *geom.Polygon:
		mp := geom.NewMultiPolygon(shape.Layout())
		if err := mp.Push(shape); err != nil {
			return nil, fmt.Errorf("parse boundary: %w", err)
		}
		return nonEmpty(mp)
	default:
		return nil, fmt.Errorf("boundary is a %T, want a Polygon or MultiPolygon", g)
	}
}

func nonEmpty(mp *geom.MultiPolygon) (*geom.MultiPolygon, error) {
	if mp.Empty() {
		return nil, ErrNoBoundary
	}
	return mp, nil
}

func boundsOf(mp *geom.MultiPolygon) Bounds {
	b := mp.Bounds()
	return Bounds{b.Min(0), b.Min(1), b.Max(0), b.Max(1)}
}
