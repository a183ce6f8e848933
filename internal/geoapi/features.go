package geoapi

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/pocketbase/pocketbase/tools/types"

	s "github.com/maillage/maillage/schema"
)

// featureCollection is an RFC 7946 FeatureCollection; truncated is a foreign member saying the
// query's limit cut the answer (narrow the box or raise limit).
type featureCollection struct {
	Type      string    `json:"type"`
	Features  []feature `json:"features"`
	Truncated bool      `json:"truncated,omitempty"`
}

type feature struct {
	Type       string         `json:"type"`
	ID         string         `json:"id"`
	Geometry   point          `json:"geometry"`
	Properties map[string]any `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// encodeFeatures writes found as a FeatureCollection. Properties are the record's public
// export made flat, as uMap and QGIS want them: lists joined with ", ", objects as JSON text,
// plus distance (metres) for a nearby query.
func encodeFeatures(found result, q Query) ([]byte, error) {
	fc := featureCollection{Type: "FeatureCollection", Features: make([]feature, 0, len(found.hits)), Truncated: found.truncated}
	for _, h := range found.hits {
		p := h.record.GetGeoPoint(s.FieldGeo)
		props := flatten(h.record.PublicExport())
		if q.Near != nil {
			props["distance"] = math.Round(h.distance)
		}
		fc.Features = append(fc.Features, feature{
			Type: "Feature", ID: h.record.Id, Properties: props,
			Geometry: point{Type: "Point", Coordinates: [2]float64{round6(p.Lon), round6(p.Lat)}},
		})
	}
	return json.Marshal(fc)
}

// flatten keeps scalar values and turns the others into text; the location is the geometry
// and collectionId says nothing to a map.
func flatten(export map[string]any) map[string]any {
	props := make(map[string]any, len(export))
	for k, v := range export {
		if k == s.FieldGeo || k == "collectionId" || k == "expand" {
			continue
		}
		props[k] = flatValue(v)
	}
	return props
}

func flatValue(v any) any {
	switch t := v.(type) {
	case nil, string, bool, float64, int, int64:
		return t
	case []string:
		return strings.Join(t, ", ")
	case types.DateTime:
		return t.String()
	case types.JSONRaw:
		return string(t)
	case fmt.Stringer:
		return t.String()
	default:
		b, err := json.Marshal(t)
		if err != nil {
			return fmt.Sprint(t)
		}
		return string(b)
	}
}

// round6 keeps six decimals (about 0.1 m), as RFC 7946 recommends.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }
