// Package geo is Maillage's pure geometry: a territory of commune polygons, point-in-polygon
// and nearest-commune lookups with distances in metres, location blurring for privacy and
// GeoJSON validation. It never imports PocketBase, so it is table-tested without an app and
// reused by hooks, routes and importers.
//
//	t, err := geo.NewTerritory([]geo.CommuneInput{{ID: "x", Code: "93066", Name: "Saint-Denis", Boundary: raw}})
//	m := t.Locate(geo.Point{Lon: 2.357, Lat: 48.936}) // m.Commune.Name, m.Inside, m.DistanceMeters
package geo

import "math"

// Point is a WGS 84 position in degrees.
type Point struct {
	Lon float64 `json:"lon"`
	Lat float64 `json:"lat"`
}

// IsZero reports whether p is (0, 0), which PocketBase's GeoPoint field uses for "no location".
func (p Point) IsZero() bool { return p.Lon == 0 && p.Lat == 0 }

// earthRadius is the mean Earth radius in metres (IUGG).
const earthRadius = 6371008.8

// metresPerDegree is the length of one degree of latitude (and of longitude at the equator).
const metresPerDegree = earthRadius * math.Pi / 180

// DistanceMeters is the great-circle (haversine) distance between a and b.
func DistanceMeters(a, b Point) float64 {
	φ1, φ2 := rad(a.Lat), rad(b.Lat)
	dφ, dλ := rad(b.Lat-a.Lat), rad(b.Lon-a.Lon)
	h := math.Sin(dφ/2)*math.Sin(dφ/2) + math.Cos(φ1)*math.Cos(φ2)*math.Sin(dλ/2)*math.Sin(dλ/2)
	return 2 * earthRadius * math.Asin(math.Min(1, math.Sqrt(h)))
}

func rad(deg float64) float64 { return deg * math.Pi / 180 }

// Bounds is an axis-aligned box in degrees.
type Bounds struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

// Contains reports whether p lies in b, edges included.
func (b Bounds) Contains(p Point) bool {
	return p.Lon >= b.MinLon && p.Lon <= b.MaxLon && p.Lat >= b.MinLat && p.Lat <= b.MaxLat
}

// Expand returns b grown by metres on every side (longitude scaled at b's widest latitude).
func (b Bounds) Expand(metres float64) Bounds {
	dLat := metres / metresPerDegree
	maxAbsLat := math.Min(89, math.Max(math.Abs(b.MinLat), math.Abs(b.MaxLat))+dLat)
	dLon := metres / (metresPerDegree * math.Cos(rad(maxAbsLat)))
	return Bounds{b.MinLon - dLon, b.MinLat - dLat, b.MaxLon + dLon, b.MaxLat + dLat}
}

// Around returns the box of the circle of radius metres around p.
func Around(p Point, metres float64) Bounds {
	return Bounds{p.Lon, p.Lat, p.Lon, p.Lat}.Expand(metres)
}
