// Package geojson decodes RFC 7946 GeoJSON into items: each Feature is one item, its
// properties read by name (name/nom/title, description, address/adresse, website/url,
// email, phone/telephone, categories/tags…; every property also kept in Item.Extra), its id
// (or properties.id) the external id. The structure is checked by geo.Validate, strict on
// every MUST of the RFC and lenient on winding order and foreign members: a structurally
// broken document is refused whole, a broken feature of a sound FeatureCollection becomes a
// problem and the others are read. A Point is the item's location; another geometry gives a
// representative point (see Representative).
//
//	got, err := geojson.Decode(file, schema.Initiatives)
package geojson

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
	"github.com/maillage/maillage/interop/formats/input"
)

// Codes of this package's refusals and problems, message keys of the i18n package.
const (
	CodeInvalid    = "format_geojson_invalid"
	CodeBadFeature = "format_geojson_bad_feature"
)

// Decode reads a GeoJSON document into items of collection (an interop.Decoder).
func Decode(r io.Reader, collection string) (interop.Decoded, error) {
	data, err := input.Read(r, collection)
	if err != nil {
		return interop.Decoded{}, err
	}
	features, problems, err := split(data)
	if err != nil {
		return interop.Decoded{}, err
	}
	if err := input.CheckCount(len(features)); err != nil {
		return interop.Decoded{}, err
	}
	out := interop.Decoded{Problems: problems}
	for _, f := range features {
		it, problem := f.item(collection)
		if problem != nil {
			out.Problems = append(out.Problems, *problem)
			continue
		}
		out.Items = append(out.Items, it)
	}
	return out, nil
}

// located is one feature to read, with the label that names it in reports.
type located struct {
	label string
	raw   json.RawMessage
}

// split returns the document's valid features. A document geo.Validate accepts gives all of
// them; a FeatureCollection whose only faults are inside some features gives the others,
// with a problem for each faulty one; anything else is refused whole.
func split(data []byte) ([]located, []interop.Problem, error) {
	_, verr := geo.Validate(data)
	root, all, err := members(data)
	if verr == nil && err == nil {
		return all, nil, nil
	}
	if verr == nil {
		return nil, nil, refusal(err)
	}
	if err != nil || root != "FeatureCollection" {
		return nil, nil, refusal(verr)
	}
	return validFeatures(data, all, verr)
}

// members returns the root's type and its features: the members of a FeatureCollection, the
// root itself when it is a Feature or a bare geometry.
func members(data []byte) (string, []located, error) {
	var root struct {
		Type     string            `json:"type"`
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(data, &root); err != nil {
		return "", nil, err
	}
	switch root.Type {
	case "FeatureCollection":
		out := make([]located, len(root.Features))
		for i, f := range root.Features {
			out[i] = located{label: fmt.Sprintf("feature %d", i+1), raw: f}
		}
		return root.Type, out, nil
	case "Feature":
		return root.Type, []located{{label: "feature", raw: data}}, nil
	}
	wrapped := fmt.Sprintf(`{"type":"Feature","properties":null,"geometry":%s}`, data)
	return root.Type, []located{{label: "geometry", raw: json.RawMessage(wrapped)}}, nil
}

// validFeatures checks a refused FeatureCollection feature by feature: when its envelope is
// sound and some features are faulty, those become problems and the others are kept; when
// no single feature explains the refusal, the document is refused whole.
func validFeatures(data []byte, all []located, verr error) ([]located, []interop.Problem, error) {
	if !envelopeValid(data) {
		return nil, nil, refusal(verr)
	}
	var good []located
	var problems []interop.Problem
	for _, f := range all {
		if _, err := geo.Validate(f.raw); err != nil {
			problems = append(problems, fields.Problem(f.label, CodeBadFeature, "detail", detail(err)))
			continue
		}
		good = append(good, f)
	}
	if len(problems) == 0 {
		return nil, nil, refusal(verr)
	}
	return good, problems, nil
}

// envelopeValid reports whether the FeatureCollection itself, its features set aside, is valid.
func envelopeValid(data []byte) bool {
	var root map[string]json.RawMessage
	if json.Unmarshal(data, &root) != nil {
		return false
	}
	root["features"] = json.RawMessage("[]")
	envelope, err := json.Marshal(root)
	if err != nil {
		return false
	}
	_, err = geo.Validate(envelope)
	return err == nil
}

func refusal(err error) error {
	return input.Refuse(CodeInvalid, "detail", detail(err))
}

// detail writes a validation error's first problems, without the generic prefix.
func detail(err error) string {
	var ve *geo.ValidationError
	if !errors.As(err, &ve) {
		return err.Error()
	}
	return strings.TrimPrefix(ve.Error(), "invalid GeoJSON: ")
}
