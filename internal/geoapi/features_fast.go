package geoapi

import (
	"bytes"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"sort"
	"unsafe"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/jsonstr"
	s "github.com/maillage/maillage/schema"
)

// featureWriter writes features straight from a collection's database rows, without building
// records: each column goes through its field's PrepareValue, as when PocketBase loads a
// record, and is written as flatValue and writeJSON write a record's export. It serves only
// collections whose export is their columns: base collections with no OnRecordEnrich hook
// (s.Enriched) and no hidden field; the others go through records and EnrichRecords.
type featureWriter struct {
	coll  *core.Collection
	geo   core.Field
	props []propWriter // in the answer's order
	q     Query
}

// propWriter writes one property: its encoded key (`"name":`, after a comma but for the
// first), and its field (nil: collectionName or distance).
type propWriter struct {
	name  string
	key   []byte
	field core.Field
	plain bool // PrepareValue is cast.ToString: the column is written as it is, NULL as ""
	// list: a select or relation field, whose column of the simple form (jsonstr.PlainList)
	// is written without PrepareValue; multiple: its values joined, else the last one.
	list, multiple bool
}

// newFeatureWriter returns the writer of c's features for q, or nil when c's export may differ
// from its columns.
func newFeatureWriter(c *core.Collection, q Query) *featureWriter {
	switch {
	case featureWriterMode < 0:
		return nil
	case featureWriterMode > 0:
		return columnsWriter(c, q)
	}
	if !c.IsBase() || s.IsEnriched(c.Name) || s.IsBlurred(c.Name) || slices.ContainsFunc(c.Fields, core.Field.GetHidden) {
		return nil
	}
	return columnsWriter(c, q)
}

// featureWriterMode is 0 in the server; tests set it to -1 to read every collection through
// records, or to 1 to write any collection's columns (the negative control on a blurred one).
var featureWriterMode = 0

// columnsWriter returns the writer of c's columns, whatever c's hooks, or nil when a field has
// a getter of its own name that is not its raw value, or c has no location.
func columnsWriter(c *core.Collection, q Query) *featureWriter {
	w := &featureWriter{coll: c, geo: c.Fields.GetByName(s.FieldGeo), q: q}
	for _, f := range c.Fields {
		if g, ok := f.(core.GetterFinder); ok && g.FindGetter(f.GetName()) != nil {
			if _, isFile := f.(*core.FileField); !isFile {
				return nil
			}
		}
	}
	if w.geo == nil {
		return nil
	}
	for i, name := range w.propertyNames(q) {
		p := propWriter{name: name, field: c.Fields.GetByName(name)}
		if i > 0 {
			p.key = append(p.key, ',')
		}
		p.key = append(jsonstr.Append(p.key, name), ':')
		switch f := p.field.(type) {
		case *core.TextField, *core.EditorField, *core.URLField, *core.EmailField:
			p.plain = true
		case *core.RelationField:
			p.list, p.multiple = true, f.IsMultiple()
		case *core.SelectField:
			p.list, p.multiple = true, f.IsMultiple()
		}
		w.props = append(w.props, p)
	}
	return w
}

// propertyNames are q.Fields that a feature has, or every field but the location with
// collectionName (and distance for a nearby query), sorted, as properties() lists them.
func (w *featureWriter) propertyNames(q Query) []string {
	has := func(n string) bool {
		return n == core.FieldNameCollectionName || (n == FieldDistance && q.Near != nil) ||
			(n != s.FieldGeo && w.coll.Fields.GetByName(n) != nil)
	}
	if len(q.Fields) > 0 {
		return slices.DeleteFunc(slices.Clone(q.Fields), func(n string) bool { return !has(n) })
	}
	names := []string{core.FieldNameCollectionName}
	if q.Near != nil {
		names = append(names, FieldDistance)
	}
	for _, f := range w.coll.Fields {
		if f.GetName() != s.FieldGeo {
			names = append(names, f.GetName())
		}
	}
	sort.Strings(names)
	return names
}

// read runs rows and writes each row that answers the query as a feature. Reading rowLimit
// rows means there were more (cut): the last is left out.
func (w *featureWriter) read(db dbx.Builder, rows *dbx.SelectQuery, rowLimit int) ([]hit, bool, error) {
	built := rows.Build()
	res, err := db.NewQuery(built.SQL()).Bind(built.Params()).Rows()
	if err != nil {
		return nil, false, err
	}
	defer res.Close()
	sc, err := w.newScan(res)
	if err != nil {
		return nil, false, err
	}
	out := newCollected()
	for n := 0; res.Next(); n++ {
		if n == rowLimit-1 {
			return out.result(), true, nil
		}
		if err := res.Scan(sc.ptrs...); err != nil {
			return nil, false, err
		}
		if err := out.add(w, sc); err != nil {
			return nil, false, err
		}
	}
	return out.result(), false, res.Err()
}

// collected gathers the features written into one buffer, and where each ends.
type collected struct {
	buf  *bytes.Buffer
	hits []hit
	ends []int
}

func newCollected() *collected {
	return &collected{buf: bytes.NewBuffer(make([]byte, 0, 64<<10))}
}

// add writes the scanned row as a feature when it answers w's query.
func (c *collected) add(w *featureWriter, sc *scan) error {
	h, ok, err := w.write(c.buf, sc)
	if ok && err == nil {
		c.hits, c.ends = append(c.hits, h), append(c.ends, c.buf.Len())
	}
	return err
}

// result points each hit at its feature in the buffer, now that it no longer grows.
func (c *collected) result() []hit {
	all, start := c.buf.Bytes(), 0
	for i := range c.hits {
		c.hits[i].feature, start = all[start:c.ends[i]:c.ends[i]], c.ends[i]
	}
	return c.hits
}

// scan is one scanned row: the raw bytes of each column, and where each property's, the id's
// and the location's columns are among them (-1: not selected).
type scan struct {
	vals       []sql.RawBytes
	ptrs       []any
	index      map[string]int
	items      [][]byte // scratch for writeList
	props      []int
	id, geoCol int
	scratch    *core.Record
}

func (w *featureWriter) newScan(res *dbx.Rows) (*scan, error) {
	cols, err := res.Columns()
	if err != nil {
		return nil, err
	}
	sc := &scan{vals: make([]sql.RawBytes, len(cols)), ptrs: make([]any, len(cols)), index: map[string]int{}, scratch: core.NewRecord(w.coll)}
	for i, name := range cols {
		sc.ptrs[i], sc.index[name] = &sc.vals[i], i
	}
	for _, p := range w.props {
		sc.props = append(sc.props, sc.at(p.name))
	}
	sc.id, sc.geoCol = sc.at(core.FieldNameId), sc.at(s.FieldGeo)
	if sc.id < 0 || sc.geoCol < 0 {
		return nil, fmt.Errorf("rows of %s without id or location", w.coll.Name)
	}
	return sc, nil
}

// at is the index of the column named name, -1 when the query has none.
func (sc *scan) at(name string) int {
	if i, ok := sc.index[name]; ok {
		return i
	}
	return -1
}

// column is column i of the scanned row: nil for NULL or a column not selected.
func (sc *scan) column(i int) []byte {
	if i < 0 {
		return nil
	}
	return sc.vals[i]
}

// answers reads the scanned row's point and reports whether it is located (not the zero
// point, as the R*Tree holds only located rows) and answers the query, with its distance.
func (w *featureWriter) answers(sc *scan) (bool, error) {
	_, ok, _, err := w.point(sc)
	return ok, err
}

func (w *featureWriter) point(sc *scan) (types.GeoPoint, bool, float64, error) {
	p, err := w.geoPoint(sc.scratch, sc.column(sc.geoCol))
	if err != nil {
		return types.GeoPoint{}, false, 0, err
	}
	if p.Lon == 0 && p.Lat == 0 {
		return p, false, 0, nil
	}
	ok, d := w.q.Matches(geo.Point{Lon: p.Lon, Lat: p.Lat})
	return p, ok, d, nil
}

// geoPoint loads the location column col: the form PocketBase writes read directly
// (jsonstr.ReadGeoPoint), any other through the field's PrepareValue.
func (w *featureWriter) geoPoint(scratch *core.Record, col []byte) (types.GeoPoint, error) {
	if p, ok := jsonstr.ReadGeoPoint(bytesString(col)); ok {
		return p, nil
	}
	v, err := w.geo.PrepareValue(scratch, rawValue(col))
	p, _ := v.(types.GeoPoint)
	return p, err
}

// write writes the scanned row's feature to buf when its point answers the query.
func (w *featureWriter) write(buf *bytes.Buffer, sc *scan) (hit, bool, error) {
	p, ok, d, err := w.point(sc)
	if !ok || err != nil {
		return hit{}, false, err
	}
	h := hit{point: geo.Point{Lon: p.Lon, Lat: p.Lat}, distance: d}
	b := append(buf.AvailableBuffer(), `{"type":"Feature","id":`...)
	b = jsonstr.Append(b, bytesString(sc.column(sc.id)))
	buf.Write(b)
	buf.WriteString(`,"geometry":{"type":"Point","coordinates":[`)
	writeNumber(buf, round6(p.Lon))
	buf.WriteByte(',')
	writeNumber(buf, round6(p.Lat))
	buf.WriteString(`]},"properties":{`)
	if err := w.writeProps(buf, sc, h); err != nil {
		return hit{}, false, err
	}
	buf.WriteString(`}}`)
	return h, true, nil
}

// writeProps writes the scanned row's properties, in order.
func (w *featureWriter) writeProps(buf *bytes.Buffer, sc *scan, h hit) error {
	for i, p := range w.props {
		buf.Write(p.key)
		switch {
		case p.name == FieldDistance && w.q.Near != nil:
			writeNumber(buf, math.Round(h.distance))
		case p.field == nil:
			buf.Write(jsonstr.Append(buf.AvailableBuffer(), w.coll.Name))
		case p.plain:
			buf.Write(jsonstr.Append(buf.AvailableBuffer(), bytesString(sc.column(sc.props[i]))))
		case p.list && w.writeList(buf, sc, p, sc.column(sc.props[i])):
		default:
			if err := w.writeValue(buf, sc, p, sc.column(sc.props[i])); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeList writes a list column of the simple form as flatValue writes the list
// PrepareValue makes of it, and reports false for any other form.
func (w *featureWriter) writeList(buf *bytes.Buffer, sc *scan, p propWriter, col []byte) bool {
	items, ok := jsonstr.PlainList(col, sc.items[:0])
	sc.items = items[:0]
	if !ok {
		return false
	}
	if !p.multiple {
		items = items[len(items)-1:]
	}
	buf.WriteByte('"')
	for i, item := range items {
		if i > 0 {
			buf.WriteString(", ")
		}
		buf.Write(item)
	}
	buf.WriteByte('"')
	return true
}

// writeValue writes the value of p's field loaded from col as properties() does.
func (w *featureWriter) writeValue(buf *bytes.Buffer, sc *scan, p propWriter, col []byte) error {
	v, err := p.field.PrepareValue(sc.scratch, rawValue(col))
	if err != nil {
		return fmt.Errorf("load %s.%s: %w", w.coll.Name, p.name, err)
	}
	if str, ok := flatValue(v).(string); ok {
		buf.Write(jsonstr.Append(buf.AvailableBuffer(), str))
		return nil
	}
	return writeJSON(buf, flatValue(v))
}

// rawValue is a column's value as PocketBase hands it to PrepareValue: nil for NULL.
func rawValue(col []byte) any {
	if col == nil {
		return nil
	}
	return string(col)
}

// bytesString views b as a string without copying it; the string must not outlive b's
// contents (jsonstr.Append copies it at once).
func bytesString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }
