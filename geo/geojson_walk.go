package geo

import (
	"encoding/json"
	"fmt"
	"strings"
)

// validator walks a decoded GeoJSON document and collects problems (refusals) and warnings.
type validator struct {
	problems, warnings []Problem
	rootType           string
	features           int
	feature            string // label of the feature being checked
}

// maxProblems bounds the problems kept for one document: enough to fix a file in one pass.
const maxProblems = 100

func (v *validator) fail(where, format string, args ...any) {
	if len(v.problems) < maxProblems {
		v.problems = append(v.problems, Problem{Feature: v.feature, Where: where, Message: fmt.Sprintf(format, args...)})
	}
}

func (v *validator) warn(where, format string, args ...any) {
	if len(v.warnings) < maxProblems {
		v.warnings = append(v.warnings, Problem{Feature: v.feature, Where: where, Message: fmt.Sprintf(format, args...)})
	}
}

var geometryTypes = map[string]bool{
	"Point": true, "MultiPoint": true, "LineString": true, "MultiLineString": true,
	"Polygon": true, "MultiPolygon": true, "GeometryCollection": true,
}

// forbidden lists, per kind of object, the members RFC 7946 §7.1 says it MUST NOT contain,
// because they would change its meaning. Any other foreign member is accepted.
var forbidden = map[string][]string{
	"FeatureCollection": {"coordinates", "geometries", "geometry", "properties"},
	"Feature":           {"coordinates", "geometries", "features"},
	"geometry":          {"geometry", "properties", "features"},
}

func (v *validator) root(root any) {
	obj, ok := root.(map[string]any)
	if !ok {
		v.fail("", "the root must be a GeoJSON object, not %s", kindOf(root))
		return
	}
	v.rootType = v.typeOf("", obj)
	switch {
	case v.rootType == "FeatureCollection":
		v.collection(obj)
	case v.rootType == "Feature":
		v.features = 1
		v.feature = "feature"
		v.checkFeature("", obj)
	case geometryTypes[v.rootType]:
		v.geometry("", obj, 0)
	}
}

// typeOf returns obj's "type" when it is a known GeoJSON type, "" after reporting why not.
func (v *validator) typeOf(where string, obj map[string]any) string {
	raw, ok := obj["type"]
	if !ok {
		v.fail(where, `"type" member required`)
		return ""
	}
	t, ok := raw.(string)
	if !ok {
		v.fail(where, `"type" must be a string, not %s`, kindOf(raw))
		return ""
	}
	if geometryTypes[t] || t == "Feature" || t == "FeatureCollection" {
		return t
	}
	if fixed := knownTypeFold(t); fixed != "" {
		v.fail(where, `type %q is unknown: GeoJSON types are case-sensitive, write %q`, t, fixed)
	} else {
		v.fail(where, `type %q is unknown; expected Feature, FeatureCollection or a geometry type`, t)
	}
	return ""
}

func knownTypeFold(t string) string {
	for _, known := range []string{"Feature", "FeatureCollection", "Point", "MultiPoint", "LineString",
		"MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"} {
		if strings.EqualFold(t, known) {
			return known
		}
	}
	return ""
}

func (v *validator) members(where, kind string, obj map[string]any) {
	for _, name := range forbidden[kind] {
		if _, ok := obj[name]; ok {
			v.fail(where, `a %s must not contain a %q member (RFC 7946 §7.1); rename or remove it`, kind, name)
		}
	}
	if bbox, ok := obj["bbox"]; ok {
		v.bbox(where, bbox)
	}
}

func (v *validator) bbox(where string, raw any) {
	arr, ok := raw.([]any)
	if !ok {
		v.fail(join(where, "bbox"), "bbox must be an array of numbers, not %s", kindOf(raw))
		return
	}
	if len(arr) != 4 && len(arr) != 6 {
		v.fail(join(where, "bbox"), "bbox must have 4 numbers (2-D) or 6 (3-D), has %d", len(arr))
	}
	for _, x := range arr {
		if _, ok := x.(json.Number); !ok {
			v.fail(join(where, "bbox"), "each element of bbox must be a number, found %s", kindOf(x))
			return
		}
	}
}

func (v *validator) collection(obj map[string]any) {
	v.members("", "FeatureCollection", obj)
	raw, ok := obj["features"]
	if !ok {
		v.fail("", `"features" member required in a FeatureCollection (use [] for none)`)
		return
	}
	list, ok := raw.([]any)
	if !ok {
		v.fail("features", "features must be an array, not %s", kindOf(raw))
		return
	}
	v.features = len(list)
	for i, f := range list {
		v.feature = featureLabel(i, f)
		fobj, ok := f.(map[string]any)
		if !ok {
			v.fail("", "every feature must be an object, found %s", kindOf(f))
			continue
		}
		if t, _ := fobj["type"].(string); t != "Feature" {
			v.fail("", `"type" must be "Feature", found %s`, describe(fobj["type"]))
			continue
		}
		v.checkFeature("", fobj)
	}
	v.feature = ""
}

func (v *validator) checkFeature(where string, obj map[string]any) {
	v.members(where, "Feature", obj)
	if id, ok := obj["id"]; ok {
		switch id.(type) {
		case string, json.Number:
		default:
			v.fail(join(where, "id"), "a feature id must be a string or a number, not %s", kindOf(id))
		}
	}
	if props, ok := obj["properties"]; !ok {
		v.fail(where, `"properties" member required (null or an object)`)
	} else if _, isObj := props.(map[string]any); props != nil && !isObj {
		v.fail(join(where, "properties"), "properties must be an object or null, not %s", kindOf(props))
	}
	g, ok := obj["geometry"]
	switch {
	case !ok:
		v.fail(where, `"geometry" member required (null or a geometry object)`)
	case g == nil:
	default:
		v.geometry(join(where, "geometry"), g, 0)
	}
}

// featureLabel names feature i (0-based) of a collection for messages: its 1-based number,
// its id and its name when it has them.
func featureLabel(i int, f any) string {
	label := fmt.Sprintf("feature %d", i+1)
	obj, _ := f.(map[string]any)
	var extra []string
	if id, ok := obj["id"]; ok {
		extra = append(extra, "id "+describe(id))
	}
	props, _ := obj["properties"].(map[string]any)
	for _, key := range []string{"name", "nom", "title"} {
		if s, ok := props[key].(string); ok && s != "" {
			extra = append(extra, fmt.Sprintf("%q", s))
			break
		}
	}
	if len(extra) > 0 {
		label += " (" + strings.Join(extra, ", ") + ")"
	}
	return label
}

func join(where, member string) string {
	if where == "" {
		return member
	}
	if strings.HasPrefix(member, "[") {
		return where + member
	}
	return where + "." + member
}

func describe(x any) string {
	switch t := x.(type) {
	case string:
		return fmt.Sprintf("%q", t)
	case json.Number:
		return t.String()
	case nil:
		return "nothing"
	default:
		return kindOf(x)
	}
}

func kindOf(x any) string {
	switch x.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	default:
		return fmt.Sprintf("%T", x)
	}
}
