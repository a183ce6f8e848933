package geo

import (
	"encoding/json"
	"fmt"
)

// Default property names of a communes file: the IGN/INSEE files name them code and nom.
const (
	DefaultCodeProperty = "code"
	DefaultNameProperty = "nom"
)

// ParseCommunes validates a GeoJSON FeatureCollection (or a single Feature) of commune polygons
// and returns one CommuneInput per feature, its code and name read from the properties
// codeProp and nameProp ("" for the defaults). Every feature needs both and a Polygon or
// MultiPolygon geometry; the error names the features that lack them.
func ParseCommunes(data []byte, codeProp, nameProp string) ([]CommuneInput, Report, error) {
	codeProp, nameProp = orDefault(codeProp, DefaultCodeProperty), orDefault(nameProp, DefaultNameProperty)
	report, err := Validate(data)
	if err != nil {
		return nil, report, err
	}
	features, err := rawFeatures(data, report.Type)
	if err != nil {
		return nil, report, err
	}
	var out []CommuneInput
	var problems []Problem
	for i, f := range features {
		c, err := communeOf(f, codeProp, nameProp)
		if err != nil {
			problems = append(problems, Problem{Where: fmt.Sprintf("feature %d", i+1), Message: err.Error()})
			continue
		}
		out = append(out, c)
	}
	if len(problems) > 0 {
		return nil, report, &ValidationError{Problems: problems}
	}
	return out, report, nil
}

type rawFeature struct {
	Properties map[string]any  `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

func rawFeatures(data []byte, rootType string) ([]rawFeature, error) {
	switch rootType {
	case "FeatureCollection":
		var fc struct {
			Features []rawFeature `json:"features"`
		}
		err := json.Unmarshal(data, &fc)
		return fc.Features, err
	case "Feature":
		var f rawFeature
		err := json.Unmarshal(data, &f)
		return []rawFeature{f}, err
	default:
		return nil, &ValidationError{Problems: []Problem{{Message: fmt.Sprintf(
			"a territory file must be a FeatureCollection of communes, got a %s", rootType)}}}
	}
}

func communeOf(f rawFeature, codeProp, nameProp string) (CommuneInput, error) {
	code, name := propString(f.Properties[codeProp]), propString(f.Properties[nameProp])
	if code == "" || name == "" {
		return CommuneInput{}, fmt.Errorf("properties %q and %q are required (got %q, %q); name the right properties in the upload", codeProp, nameProp, code, name)
	}
	if _, err := ParseBoundary(f.Geometry); err != nil {
		return CommuneInput{}, fmt.Errorf("commune %s (%s): geometry must be a non-empty Polygon or MultiPolygon: %w", code, name, err)
	}
	return CommuneInput{Code: code, Name: name, Boundary: f.Geometry}, nil
}

// propString reads a property as text: codes are sometimes numbers in GeoJSON files.
func propString(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return fmt.Sprintf("%.0f", t)
	default:
		return ""
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
