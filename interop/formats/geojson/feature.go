package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
)

// item reads one valid feature into an item of collection, or a problem.
func (f located) item(collection string) (interop.Item, *interop.Problem) {
	var feat struct {
		ID         json.RawMessage `json:"id"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(f.raw, &feat); err != nil {
		p := fields.Problem(f.label, CodeBadFeature, "detail", err.Error())
		return interop.Item{}, &p
	}
	props := properties(feat.Properties)
	label := f.label
	if id := scalar(feat.ID); id != "" {
		label += " (id " + id + ")"
	}
	it, problem := fields.Item(pairs(props), collection, label)
	if problem != nil {
		return it, problem
	}
	for _, p := range props {
		if _, ok := it.Extra[p.name]; !ok {
			it.Extra[p.name] = string(p.raw) // objects, kept as JSON for a mapping to use
		}
	}
	return locate(it, feat.Geometry, scalar(feat.ID))
}

// locate sets the item's location from its geometry and its external id: the feature's id,
// else an id property, else one derived from the item.
func locate(it interop.Item, geometry json.RawMessage, id string) (interop.Item, *interop.Problem) {
	point, err := Representative(geometry)
	var pe *PositionError
	if errors.As(err, &pe) {
		p := fields.Problem(it.Label, fields.CodeBadCoordinates, "lat", fmt.Sprint(pe.Lat), "lon", fmt.Sprint(pe.Lon))
		return it, &p
	}
	if err != nil {
		p := fields.Problem(it.Label, CodeBadFeature, "detail", err.Error())
		return it, &p
	}
	if point != nil {
		it.Geo = point
	}
	if id != "" {
		it.ExternalID = id
	}
	if it.ExternalID == "" {
		it.ExternalID = fields.Identity(it)
	}
	return it, nil
}

// property is one member of a feature's properties, in the document's order.
type property struct {
	name string
	raw  json.RawMessage
}

// properties reads a properties object keeping its members' order, so that when two
// properties could be the name ("name" and "nom"), the first one written wins every time.
func properties(raw json.RawMessage) []property {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil // null: no properties
	}
	var out []property
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		name, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return out
		}
		out = append(out, property{name: name, raw: value})
	}
	return out
}

// pairs turns properties into named values: scalars as text, arrays of scalars as lists;
// objects are left to Extra.
func pairs(props []property) []fields.Pair {
	out := make([]fields.Pair, 0, len(props))
	for _, p := range props {
		if v := scalar(p.raw); v != "" || string(p.raw) == `""` {
			out = append(out, fields.Pair{Name: p.name, Value: v})
			continue
		}
		if list, ok := scalars(p.raw); ok {
			out = append(out, fields.Pair{Name: p.name, Value: strings.Join(list, ", "), List: list})
		}
	}
	return out
}

// scalar writes a JSON string, number or boolean as text; "" for anything else. raw comes
// from a parsed document, so it is valid JSON: a string without escapes is its bytes between
// quotes, a number its text.
func scalar(raw json.RawMessage) string {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 {
		return ""
	}
	switch c := b[0]; {
	case c == '"' && bytes.IndexByte(b, '\\') < 0 && len(b) >= 2:
		return string(b[1 : len(b)-1])
	case c == '"':
		var s string
		if json.Unmarshal(b, &s) != nil {
			return ""
		}
		return s
	case c == '-' || (c >= '0' && c <= '9'), string(b) == "true", string(b) == "false":
		return string(b)
	}
	return ""
}

// scalars reads an array of scalars as texts.
func scalars(raw json.RawMessage) ([]string, bool) {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil, false
	}
	out := []string{}
	for _, item := range items {
		if v := strings.TrimSpace(scalar(item)); v != "" {
			out = append(out, v)
		}
	}
	return out, true
}
