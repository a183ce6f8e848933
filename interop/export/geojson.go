package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/pocketbase/pocketbase/core"
)

// GeoJSONContentType is the media type of RFC 7946 documents.
const GeoJSONContentType = "application/geo+json"

// writeGeoJSON writes the records each yields as an RFC 7946 FeatureCollection with cols as
// properties, whose foreign members "licence", "licenceUrl" and "attribution" say how it may be
// reused. A record with no location is a feature with a null geometry (RFC 7946 §3.2).
func writeGeoJSON(w *bufio.Writer, r *refs, cols []column, each func(func(*core.Record) error) error) error {
	head := map[string]string{"licence": r.territory.ID, "licenceUrl": r.territory.URL, "attribution": r.territory.Attribution}
	b, err := json.Marshal(head)
	if err != nil {
		return fmt.Errorf("geojson head: %w", err)
	}
	w.WriteString(`{"type":"FeatureCollection",`)
	w.Write(b[1 : len(b)-1])
	w.WriteString(`,"features":[`)
	first := true
	err = each(func(rec *core.Record) error {
		if !first {
			w.WriteByte(',')
		}
		first = false
		return writeFeature(w, rec, r, cols)
	})
	if err != nil {
		return err
	}
	_, err = w.WriteString("]}\n")
	return err
}

// writeFeature writes one Feature: its id, its point (six decimals, about 0.1 m, as RFC 7946
// recommends) and its flat properties.
func writeFeature(w *bufio.Writer, rec *core.Record, r *refs, cols []column) error {
	w.WriteString(`{"type":"Feature","id":`)
	writeString(w, rec.Id)
	if lon, lat, ok := location(rec); ok {
		w.WriteString(`,"geometry":{"type":"Point","coordinates":[`)
		writeNumber(w, round6(lon))
		w.WriteByte(',')
		writeNumber(w, round6(lat))
		w.WriteString(`]}`)
	} else {
		w.WriteString(`,"geometry":null`)
	}
	w.WriteString(`,"properties":{`)
	for i, col := range cols {
		if i > 0 {
			w.WriteByte(',')
		}
		writeString(w, col.name)
		w.WriteByte(':')
		if err := writeValue(w, col.value(rec, r)); err != nil {
			return fmt.Errorf("feature %s: %w", rec.Id, err)
		}
	}
	_, err := w.WriteString("}}")
	return err
}

// writeValue writes a flat value as JSON.
func writeValue(w *bufio.Writer, v any) error {
	switch t := v.(type) {
	case string:
		writeString(w, t)
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			w.WriteString("null")
		} else {
			writeNumber(w, t)
		}
	case bool:
		w.WriteString(strconv.FormatBool(t))
	default:
		b, err := json.Marshal(t)
		if err != nil {
			return err
		}
		w.Write(b)
	}
	return nil
}

func writeString(w *bufio.Writer, s string) {
	b, _ := json.Marshal(s) // a string always encodes
	w.Write(b)
}

func writeNumber(w *bufio.Writer, f float64) {
	var tmp [32]byte
	w.Write(strconv.AppendFloat(tmp[:0], f, 'f', -1, 64))
}

// round6 keeps six decimals (about 0.1 m), as RFC 7946 recommends.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }
