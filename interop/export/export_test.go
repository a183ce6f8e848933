package export

import (
	"bufio"
	"io"

	"github.com/pocketbase/pocketbase/core"
)

// Hooks into the package for the external tests: the shared JSON-LD mapping on given names,
// and the writers over a collection whose rules the negative controls loosen.

// TestRefs are the names and licence a mapping test gives instead of reading them.
type TestRefs struct {
	Base          string
	Licence       Licence
	Sources       map[string]Licence
	Categories    map[string]string
	Communes      map[string][2]string // id → name, INSEE code
	Organisations map[string]string
}

func (t TestRefs) refs() *refs {
	r := &refs{base: t.Base, territory: t.Licence, sources: t.Sources, categories: t.Categories,
		communes: map[string]commune{}, organisations: t.Organisations}
	for id, c := range t.Communes {
		r.communes[id] = commune{name: c[0], code: c[1]}
	}
	return r
}

// NodeForTest is the schema.org node of rec.
func NodeForTest(c string, rec *core.Record, t TestRefs) map[string]any {
	return recordNode(c, rec, t.refs())
}

// WriteForTest writes the export of c in format (geojson, csv or jsonld) as the route does,
// reading c with the rules of the collection given (a copy whose list rule a negative control
// removed) and, unless enriched is false, enriching each page as the route does.
func WriteForTest(app core.App, cfg Config, c *core.Collection, format string, enriched bool, out io.Writer) error {
	r, err := loadRefs(app, cfg.WithDefaults(), true)
	if err != nil {
		return err
	}
	enrichFn := enrich
	if !enriched {
		enrichFn = func(core.App, []*core.Record) error { return nil }
	}
	each := func(fn func(*core.Record) error) error { return scanPages(app, c, filter{}, enrichFn, fn) }
	w := bufio.NewWriter(out)
	switch format {
	case FormatCSV:
		err = writeCSV(w, r, columns[c.Name], each)
	case FormatJSONLD:
		err = writeItemList(w, c.Name, r, each)
	default:
		err = writeGeoJSON(w, r, columns[c.Name], each)
	}
	if err != nil {
		return err
	}
	return w.Flush()
}
