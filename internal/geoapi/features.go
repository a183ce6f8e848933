package geoapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/tools/types"

	s "github.com/maillage/maillage/schema"
)

// encodeFeatures writes found as an RFC 7946 FeatureCollection, streamed into one buffer
// (no map nor struct per feature); "truncated" is a foreign member saying the query's limit
// cut the answer. Properties are the record's public export made flat, as uMap and QGIS want
// them: lists joined with ", ", objects as JSON text, plus distance (metres) for a nearby
// query; only q.Fields when the query names some.
func encodeFeatures(found result, q Query) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, encodedSize(found, q)))
	buf.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, h := range found.hits {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := writeFeature(buf, h, q); err != nil {
			return nil, err
		}
	}
	buf.WriteByte(']')
	if found.truncated {
		buf.WriteString(`,"truncated":true`)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// encodedSize is the size of found's answer, to size the buffer once (growing it copied 1 MB
// and cleared 2 MB for a thousand features): the kept features' own sizes, a guess for the
// others.
func encodedSize(found result, q Query) int {
	n := 64
	for _, h := range found.hits {
		if h.feature != nil {
			n += len(h.feature) + 1
		} else {
			n += featureSizeHint(q)
		}
	}
	return n
}

// featureSizeHint is a guess of a feature's encoded size.
func featureSizeHint(q Query) int {
	if len(q.Fields) > 0 {
		return 160 + 48*len(q.Fields)
	}
	return 1024
}

// writeFeature writes one Feature: its id, its point (6 decimals, about 0.1 m, as RFC 7946
// recommends) and its properties.
func writeFeature(buf *bytes.Buffer, h hit, q Query) error {
	if h.feature != nil {
		buf.Write(h.feature)
		return nil
	}
	p := h.record.GetGeoPoint(s.FieldGeo)
	buf.WriteString(`{"type":"Feature","id":`)
	if err := writeJSON(buf, h.record.Id); err != nil {
		return err
	}
	buf.WriteString(`,"geometry":{"type":"Point","coordinates":[`)
	writeNumber(buf, round6(p.Lon))
	buf.WriteByte(',')
	writeNumber(buf, round6(p.Lat))
	buf.WriteString(`]},"properties":`)
	if err := writeProperties(buf, properties(h, q)); err != nil {
		return err
	}
	buf.WriteByte('}')
	return nil
}

// property is one named value of a feature's properties.
type property struct {
	name  string
	value any
}

// writeProperties writes props as a JSON object, in their order.
func writeProperties(buf *bytes.Buffer, props []property) error {
	buf.WriteByte('{')
	for i, p := range props {
		if i > 0 {
			buf.WriteByte(',')
		}
		if err := writeJSON(buf, p.name); err != nil {
			return err
		}
		buf.WriteByte(':')
		if err := writeJSON(buf, flatValue(p.value)); err != nil {
			return err
		}
	}
	buf.WriteByte('}')
	return nil
}

// properties are a hit's flat properties: q.Fields in their order, or every public field
// sorted by name; the location is the geometry, and collectionId says nothing to a map.
func properties(h hit, q Query) []property {
	export := h.record.PublicExport()
	if q.Near != nil {
		export[FieldDistance] = math.Round(h.distance)
	}
	names := q.Fields
	if len(names) == 0 {
		names = make([]string, 0, len(export))
		for k := range export {
			if k != s.FieldGeo && k != "collectionId" && k != "expand" {
				names = append(names, k)
			}
		}
		sort.Strings(names)
	}
	props := make([]property, 0, len(names))
	for _, k := range names {
		if v, ok := export[k]; ok {
			props = append(props, property{k, v})
		}
	}
	return props
}

// writeJSON writes v as JSON: numbers and strings directly, the rest through encoding/json.
func writeJSON(buf *bytes.Buffer, v any) error {
	if f, ok := v.(float64); ok && !math.IsNaN(f) && !math.IsInf(f, 0) {
		writeNumber(buf, f)
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("geo feature: %w", err)
	}
	buf.Write(b)
	return nil
}

// writeNumber writes a finite number as JSON does.
func writeNumber(buf *bytes.Buffer, f float64) {
	var tmp [32]byte
	buf.Write(strconv.AppendFloat(tmp[:0], f, 'f', -1, 64))
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
