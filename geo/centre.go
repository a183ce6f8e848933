package geo

import (
	"encoding/json"
	"math"
	"sort"

	"github.com/twpayne/go-geom"
	"github.com/twpayne/go-geom/xy"
)

// Centre returns a point inside a Polygon or MultiPolygon boundary, where maps put a commune's
// label: its area centroid when that lies inside the shape, else the middle of the widest
// inside stretch of the horizontal line through the largest polygon's middle (the centroid of
// a crescent or a thin island such as L'Île-Saint-Denis falls outside it).
func Centre(boundary json.RawMessage) (Point, error) {
	shape, err := ParseBoundary(boundary)
	if err != nil {
		return Point{}, err
	}
	c := &Commune{shape: shape, bounds: boundsOf(shape)}
	if centroid := xy.MultiPolygonCentroid(shape); len(centroid) >= 2 {
		if p := (Point{Lon: centroid.X(), Lat: centroid.Y()}); c.Contains(p) {
			return p, nil
		}
	}
	return interiorPoint(largestPolygon(shape)), nil
}

func largestPolygon(mp *geom.MultiPolygon) *geom.Polygon {
	best, bestArea := mp.Polygon(0), -1.0
	for i := 0; i < mp.NumPolygons(); i++ {
		if a := math.Abs(mp.Polygon(i).Area()); a > bestArea {
			best, bestArea = mp.Polygon(i), a
		}
	}
	return best
}

// interiorPoint scans poly along the latitude halfway up its box: the ring crossings, sorted,
// pair up into inside stretches (even-odd rule, holes included), and the widest one's middle
// is inside.
func interiorPoint(poly *geom.Polygon) Point {
	b := poly.Bounds()
	lat := (b.Min(1) + b.Max(1)) / 2
	var xs []float64
	for j := 0; j < poly.NumLinearRings(); j++ {
		xs = append(xs, crossings(poly.LinearRing(j), lat)...)
	}
	sort.Float64s(xs)
	best := Point{Lon: (b.Min(0) + b.Max(0)) / 2, Lat: lat}
	widest := -1.0
	for i := 0; i+1 < len(xs); i += 2 {
		if w := xs[i+1] - xs[i]; w > widest {
			widest, best.Lon = w, (xs[i]+xs[i+1])/2
		}
	}
	return best
}

// crossings are the longitudes where ring's edges cross the latitude lat (half-open edges, so
// a vertex on the line counts once).
func crossings(ring *geom.LinearRing, lat float64) []float64 {
	var xs []float64
	coords := ring.Coords()
	for i := 0; i+1 < len(coords); i++ {
		a, b := coords[i], coords[i+1]
		if (a[1] > lat) != (b[1] > lat) {
			xs = append(xs, a[0]+(lat-a[1])*(b[0]-a[0])/(b[1]-a[1]))
		}
	}
	return xs
}
