package mobilesync

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unsafe"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/internal/jsonstr"
	s "github.com/maillage/maillage/schema"
)

// rowWriter writes a collection's database rows as the REST API serialises its records, straight
// from the column values: each value goes through its field's PrepareValue, as when PocketBase
// loads a record, and is written as json.Marshal would write it. Keys are sorted, as
// json.Marshal sorts the keys of Record.PublicExport's map.
type rowWriter struct {
	coll   *core.Collection
	fields []core.Field // the exported fields, sorted by name
	// parts are the object's members in key order: a field's index with its encoded key
	// `,"name":`, or (field -1) the whole encoded collectionId or collectionName member.
	parts []rowPart
}

type rowPart struct {
	field int
	text  []byte
	// plain: the field's PrepareValue is cast.ToString (text, editor, url, email), so its
	// column is written as it is, NULL as "".
	plain bool
	// geo: a geoPoint field, whose column is read without reflection when it has the form
	// PocketBase writes (jsonstr.ReadGeoPoint).
	geo bool
	// list: a select or relation field, whose column of the simple form (jsonstr.PlainList) is
	// written without PrepareValue: multiple, as a JSON array, else its last value.
	list, multiple bool
}

// isPlain reports whether f's PrepareValue is cast.ToString of the column.
func isPlain(f core.Field) bool {
	switch f.(type) {
	case *core.TextField, *core.EditorField, *core.URLField, *core.EmailField:
		return true
	}
	return false
}

// newRowWriter returns the writer of c, or nil when c's REST output may differ from its
// column values: an OnRecordEnrich hook changes it (s.Enriched), c is an auth collection (email
// visibility, password), c has a hidden field (superusers see it, others do not), or a field
// has a getter of its own name that is not its raw value.
func newRowWriter(c *core.Collection) *rowWriter {
	if !c.IsBase() || s.IsEnriched(c.Name) || slices.ContainsFunc(c.Fields, core.Field.GetHidden) {
		return nil
	}
	return columnWriter(c)
}

// columnWriter returns the writer of c's columns, whatever c's hooks, hidden fields left out,
// or nil when a field has a getter of its own name that is not its raw value.
func columnWriter(c *core.Collection) *rowWriter {
	w := &rowWriter{coll: c}
	for _, f := range c.Fields {
		if f.GetHidden() {
			continue
		}
		if _, isFile := f.(*core.FileField); !isFile {
			if g, ok := f.(core.GetterFinder); ok && g.FindGetter(f.GetName()) != nil {
				return nil
			}
		}
		w.fields = append(w.fields, f)
	}
	slices.SortFunc(w.fields, func(a, b core.Field) int { return cmpString(a.GetName(), b.GetName()) })
	w.planParts()
	return w
}

// planParts lays out the members: the fields and PublicExport's collectionId and
// collectionName, sorted by key.
func (w *rowWriter) planParts() {
	meta := [][2]string{{core.FieldNameCollectionId, w.coll.Id}, {core.FieldNameCollectionName, w.coll.Name}}
	key := func(name string) []byte { return append(appendString([]byte{','}, name), ':') }
	m := 0
	for i, f := range w.fields {
		for ; m < len(meta) && meta[m][0] < f.GetName(); m++ {
			w.parts = append(w.parts, rowPart{field: -1, text: appendString(key(meta[m][0]), meta[m][1])})
		}
		_, geo := f.(*core.GeoPointField)
		part := rowPart{field: i, text: key(f.GetName()), plain: isPlain(f), geo: geo}
		switch f := f.(type) {
		case *core.RelationField:
			part.list, part.multiple = true, f.IsMultiple()
		case *core.SelectField:
			part.list, part.multiple = true, f.IsMultiple()
		}
		w.parts = append(w.parts, part)
	}
	for ; m < len(meta); m++ {
		w.parts = append(w.parts, rowPart{field: -1, text: appendString(key(meta[m][0]), meta[m][1])})
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// appendRow appends one row, given as the raw bytes of the column of each of w.fields (nil for
// NULL), as a JSON object. scratch is a record of the collection that PrepareValue may read.
func (w *rowWriter) appendRow(b []byte, scratch *core.Record, cols [][]byte) ([]byte, error) {
	start := len(b)
	var err error
	for _, p := range w.parts {
		b = append(b, p.text...)
		if p.field < 0 {
			continue
		}
		if b, err = w.appendColumn(b, scratch, p, cols[p.field]); err != nil {
			return nil, fmt.Errorf("%s.%s: %w", w.coll.Name, w.fields[p.field].GetName(), err)
		}
	}
	b[start] = '{' // the first member's leading comma
	return append(b, '}'), nil
}

// appendColumn writes the value of p's field loaded from col, as json.Marshal writes it.
func (w *rowWriter) appendColumn(b []byte, scratch *core.Record, p rowPart, col []byte) ([]byte, error) {
	if p.plain {
		return appendString(b, bytesString(col)), nil
	}
	if p.geo {
		if pt, ok := jsonstr.ReadGeoPoint(bytesString(col)); ok {
			return appendGeoPoint(b, pt)
		}
	}
	if p.list {
		if items, ok := jsonstr.PlainList(col, nil); ok {
			return appendPlainList(b, items, p.multiple), nil
		}
	}
	var raw any
	if col != nil {
		raw = string(col)
	}
	v, err := w.fields[p.field].PrepareValue(scratch, raw)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	return appendValue(b, v)
}

// appendPlainList writes the values of a list column of the simple form as json.Marshal
// writes what PrepareValue makes of it: all of them as an array, or the last one.
func appendPlainList(b []byte, items [][]byte, multiple bool) []byte {
	if !multiple {
		return append(append(append(b, '"'), items[len(items)-1]...), '"')
	}
	b = append(b, '[')
	for i, item := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(append(append(b, '"'), item...), '"')
	}
	return append(b, ']')
}

// bytesString views b as a string without copying it; the string must not outlive b's
// contents (appendString copies it at once).
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// appendValue writes v as json.Marshal does; the types PocketBase's fields prepare are written
// directly, anything else through json.Marshal.
func appendValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return appendString(b, x), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case float64:
		return appendFloat(b, x)
	case types.DateTime:
		return appendString(b, x.String()), nil
	case types.GeoPoint:
		return appendGeoPoint(b, x)
	case []string:
		return appendStrings(b, x), nil
	case types.JSONRaw:
		if len(x) == 0 {
			return append(b, "null"...), nil
		}
	}
	raw, err := json.Marshal(v)
	return append(b, raw...), err
}

// appendGeoPoint writes p as json.Marshal writes the struct: {"lon":…,"lat":…}.
func appendGeoPoint(b []byte, p types.GeoPoint) ([]byte, error) {
	b, err := appendFloat(append(b, `{"lon":`...), p.Lon)
	if err != nil {
		return nil, err
	}
	if b, err = appendFloat(append(b, `,"lat":`...), p.Lat); err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

func appendStrings(b []byte, list []string) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, s := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, s)
	}
	return append(b, ']')
}

// appendFloat formats f as encoding/json does: shortest form, exponent only below 1e-6 or from
// 1e21 on, with a two-digit negative exponent trimmed ("1e-07" becomes "1e-7").
func appendFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("number %v has no JSON form", f)
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if n := len(b); format == 'e' && n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b, nil
}

// appendString writes s as a JSON string as encoding/json does (jsonstr.Append).
func appendString(b []byte, s string) []byte { return jsonstr.Append(b, s) }
