// Package jsonld decodes schema.org and ActivityStreams 2.0 data in JSON-LD into items:
// places (Place, LocalBusiness and its kinds), organisations (Organization, NGO…), events
// (Event and its kinds, with their location, organizer, offers and a Schedule as an RRULE),
// from a JSON-LD document or from the <script type="application/ld+json"> blocks of an HTML
// page (several per page, @graph, arrays, ActivityPub Create activities and collections).
//
// It reads the terms directly rather than running a JSON-LD processor: no remote context is
// ever fetched; "schema:", "http(s)://schema.org/" and the document's own prefixes for the
// schema.org and ActivityStreams vocabularies are read as those vocabularies (see
// docs/interop.md, "Formats and parsers").
//
//	got, err := jsonld.Decode(page, schema.Events)
package jsonld

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
	"github.com/maillage/maillage/interop/formats/input"
)

// Codes of this package's refusals and problems, message keys of the i18n package.
const (
	CodeNone        = "format_jsonld_none"
	CodeWrongKind   = "format_wrong_kind"
	CodeUnsupported = "format_unsupported_type"
)

// Decode reads JSON-LD, or an HTML page's JSON-LD blocks, into items of collection (an
// interop.Decoder).
func Decode(r io.Reader, collection string) (interop.Decoded, error) {
	data, err := input.Read(r, collection)
	if err != nil {
		return interop.Decoded{}, err
	}
	docs, out, err := documents(data)
	if err != nil {
		return interop.Decoded{}, err
	}
	var nodes []labelled
	for _, doc := range docs {
		nodes = append(nodes, doc.nodes()...)
	}
	if err := input.CheckCount(len(nodes)); err != nil {
		return interop.Decoded{}, err
	}
	for _, n := range nodes {
		it, problem := n.item(collection)
		if problem != nil {
			out.Problems = append(out.Problems, *problem)
			continue
		}
		out.Items = append(out.Items, it)
	}
	return out, nil
}

// document is one JSON-LD value, normalised (see normalise), with the label of where it was.
type document struct {
	label string
	value any
}

// documents returns the JSON-LD documents of data: data itself when it is JSON, else the
// page's ld+json blocks. A block that is not JSON is a problem; no JSON-LD at all refuses data.
func documents(data []byte) ([]document, interop.Decoded, error) {
	var out interop.Decoded
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if !bytes.HasPrefix(trimmed, []byte("<")) {
		v, err := parse(trimmed)
		if err != nil {
			return nil, out, input.Refuse(input.CodeNotJSON, "detail", err.Error())
		}
		if _, ok := v.(string); ok || !isContainer(v) {
			return nil, out, input.Refuse(CodeNone)
		}
		return []document{{label: "item", value: normalise(v, vocabularies(v), 0)}}, out, nil
	}
	var docs []document
	for i, block := range scripts(trimmed) {
		label := fmt.Sprintf("script %d", i+1)
		v, err := parse(block)
		if err != nil {
			out.Problems = append(out.Problems, fields.Problem(label, input.CodeNotJSON, "detail", err.Error()))
			continue
		}
		docs = append(docs, document{label: label, value: normalise(v, vocabularies(v), 0)})
	}
	if len(docs) == 0 && len(out.Problems) == 0 {
		return nil, out, input.Refuse(CodeNone)
	}
	return docs, out, nil
}

func parse(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("extra data after the JSON value")
	}
	return v, nil
}

func isContainer(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}
