package geojson

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/twpayne/go-geom"
	geomjson "github.com/twpayne/go-geom/encoding/geojson"
	"github.com/twpayne/go-geom/xy"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
)

// Representative returns the point that locates a geometry on Maillage's map: a Point
// itself; for a Polygon or MultiPolygon a point inside it (geo.Centre: the centroid, or an
// inside point when the centroid falls outside, as for a crescent); for lines and MultiPoints
// their centroid; for a GeometryCollection its first member's point. A null or empty geometry
// has none (nil); a position outside WGS84's ranges is an error.
func Representative(raw json.RawMessage) (*interop.Point, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if p, ok, err := point(raw); ok {
		return p, err
	}
	var g geom.T
	if err := geomjson.Unmarshal(raw, &g); err != nil {
		return nil, fmt.Errorf("geometry: %w", err)
	}
	return representative(g)
}

// point reads a Point geometry directly (it may carry more than the 3 numbers go-geom reads).
func point(raw json.RawMessage) (*interop.Point, bool, error) {
	var pt struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	}
	if json.Unmarshal(raw, &pt) != nil || pt.Type != "Point" {
		return nil, false, nil
	}
	if len(pt.Coordinates) < 2 {
		return nil, true, nil
	}
	return checked(pt.Coordinates[0], pt.Coordinates[1])
}

func representative(g geom.T) (*interop.Point, error) {
	if g.Empty() {
		return nil, nil
	}
	switch t := g.(type) {
	case *geom.Polygon, *geom.MultiPolygon:
		raw, err := geomjson.Marshal(t)
		if err != nil {
			return nil, fmt.Errorf("geometry: %w", err)
		}
		c, err := geo.Centre(raw)
		if errors.Is(err, geo.ErrNoBoundary) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("geometry: %w", err)
		}
		p, _, err := checked(c.Lon, c.Lat)
		return p, err
	case *geom.GeometryCollection:
		for _, member := range t.Geoms() {
			if p, err := representative(member); p != nil || err != nil {
				return p, err
			}
		}
		return nil, nil
	}
	c, err := xy.Centroid(g)
	if err != nil || len(c) < 2 {
		return nil, fmt.Errorf("geometry: no centroid: %v", err)
	}
	p, _, err := checked(c[0], c[1])
	return p, err
}

// PositionError is a position outside WGS84's ranges.
type PositionError struct{ Lon, Lat float64 }

// Error names the position.
func (e *PositionError) Error() string {
	return fmt.Sprintf("position %g, %g out of range", e.Lon, e.Lat)
}

func checked(lon, lat float64) (*interop.Point, bool, error) {
	p, ok := fields.NewPoint(lon, lat)
	if !ok {
		return nil, true, &PositionError{Lon: lon, Lat: lat}
	}
	return p, true, nil
}
