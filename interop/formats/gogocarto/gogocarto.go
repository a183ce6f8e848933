// Package gogocarto decodes GoGoCarto maps (Transiscope, Près de chez nous, the Colibris
// maps): the elements of its "gogofull" JSON export ({"data": [...]} or a bare list, the
// variant with a GeoJSON shape per element included) into items, and its taxonomy into a
// category tree the importer maps onto Maillage's. An element's categories are given by name
// when the export names them (categories, categoriesFull), else by the taxonomy's names for
// its option ids when a taxonomy is given (NewDecoder), else by those ids.
//
//	tax, _ := gogocarto.DecodeTaxonomy(taxonomyFile)
//	got, err := gogocarto.NewDecoder(tax)(elementsFile, schema.Initiatives)
package gogocarto

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
	"github.com/maillage/maillage/interop/formats/input"
	s "github.com/maillage/maillage/schema"
)

// Codes of this package's refusals and problems, message keys of the i18n package.
const (
	CodeShape         = "format_gogocarto_shape"
	CodeTaxonomyShape = "format_gogocarto_taxonomy_shape"
	CodeWrongKind     = "format_wrong_kind"
	CodeNotAnObject   = "format_not_an_object"
)

// Decode reads GoGoCarto elements into items of collection, categories as the export gives
// them (an interop.Decoder).
func Decode(r io.Reader, collection string) (interop.Decoded, error) {
	return NewDecoder(nil)(r, collection)
}

// NewDecoder returns a decoder that names an element's categories from taxonomy.
func NewDecoder(taxonomy []Category) interop.Decoder {
	names := make(map[string]string, len(taxonomy))
	for _, c := range taxonomy {
		names[c.ID] = c.Name
	}
	return func(r io.Reader, collection string) (interop.Decoded, error) {
		return decode(r, collection, names)
	}
}

func decode(r io.Reader, collection string, names map[string]string) (interop.Decoded, error) {
	data, err := input.Read(r, collection)
	if err != nil {
		return interop.Decoded{}, err
	}
	elements, err := elementsOf(data)
	if err != nil {
		return interop.Decoded{}, err
	}
	var out interop.Decoded
	items, problems := readAll(elements, names)
	for i, it := range items {
		problem := problems[i]
		if problem == nil && collection == s.Events {
			p := fields.Problem(it.Label, CodeWrongKind, "kind", "place", "collection", collection, "target", s.Initiatives)
			problem = &p
		}
		if problem != nil {
			out.Problems = append(out.Problems, *problem)
			continue
		}
		out.Items = append(out.Items, it)
	}
	return out, nil
}

// readAll reads every element, each on its own, on every processor: an export holds
// thousands. The results keep the elements' order.
func readAll(elements []json.RawMessage, names map[string]string) ([]interop.Item, []*interop.Problem) {
	items, problems := make([]interop.Item, len(elements)), make([]*interop.Problem, len(elements))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(elements); i += workers {
				items[i], problems[i] = readElement(elements[i], fmt.Sprintf("element %d", i+1), names)
			}
		})
	}
	wg.Wait()
	return items, problems
}

// elementsOf returns the raw elements of an export: its "data" list, or the root list.
func elementsOf(data []byte) ([]json.RawMessage, error) {
	data = bytes.TrimSpace(data)
	var list []json.RawMessage
	if bytes.HasPrefix(data, []byte("[")) {
		if err := json.Unmarshal(data, &list); err != nil {
			return nil, input.Refuse(input.CodeNotJSON, "detail", err.Error())
		}
		return list, input.CheckCount(len(list))
	}
	var root struct {
		Data *[]json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(data, &root); err != nil {
		if !json.Valid(data) {
			return nil, input.Refuse(input.CodeNotJSON, "detail", err.Error())
		}
		return nil, input.Refuse(CodeShape)
	}
	if root.Data == nil {
		return nil, input.Refuse(CodeShape)
	}
	return *root.Data, input.CheckCount(len(*root.Data))
}
