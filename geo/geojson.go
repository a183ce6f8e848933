package geo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Problem is one thing wrong with, or suspicious in, a GeoJSON document. Feature names the
// feature it is in (its 1-based number, id and name when it has them, e.g. `feature 3 (id
// "a1", "Jardin")`), Where the member (e.g. `geometry.coordinates[0]`).
type Problem struct {
	Feature string
	Where   string
	Message string
}

// String is the problem as one line: feature, member, message.
func (p Problem) String() string {
	s := p.Message
	if p.Where != "" {
		s = p.Where + ": " + s
	}
	if p.Feature != "" {
		s = p.Feature + ": " + s
	}
	return s
}

// ValidationError lists every structural problem of a refused GeoJSON document.
type ValidationError struct {
	Problems []Problem
}

// Error names the first problems and how many more there are.
func (e *ValidationError) Error() string {
	const shown = 3
	msgs := make([]string, 0, shown)
	for i, p := range e.Problems {
		if i == shown {
			msgs = append(msgs, fmt.Sprintf("and %d more", len(e.Problems)-shown))
			break
		}
		msgs = append(msgs, p.String())
	}
	return "invalid GeoJSON: " + strings.Join(msgs, "; ")
}

// Report describes an accepted document: its root type, its number of features (1 for a bare
// Feature, 0 for a bare geometry) and the suspicious things RFC 7946 says SHOULD be avoided but
// that Maillage accepts (winding order, positions beyond 3 elements, nested or single-member
// GeometryCollections).
type Report struct {
	Type     string
	Features int
	Warnings []Problem
}

// Validate checks data against RFC 7946: strict on structure (every MUST of the RFC, duplicate
// member names included), lenient on winding order and foreign members, which it accepts. It
// returns a *ValidationError naming each feature and problem when the document is refused.
func Validate(data []byte) (Report, error) {
	root, err := decodeJSON(data)
	if err != nil {
		return Report{}, &ValidationError{Problems: []Problem{{Message: err.Error()}}}
	}
	v := &validator{}
	v.root(root)
	if len(v.problems) > 0 {
		return Report{}, &ValidationError{Problems: v.problems}
	}
	return Report{Type: v.rootType, Features: v.features, Warnings: v.warnings}, nil
}

// decodeJSON parses data keeping numbers exact, after refusing duplicate member names, which
// make a document ambiguous (parsers disagree on which value wins).
func decodeJSON(data []byte) (any, error) {
	if err := checkDuplicates(data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		return nil, syntaxProblem(data, err)
	}
	if dec.More() {
		return nil, errors.New("not valid JSON: extra data after the root value; send one GeoJSON object")
	}
	return root, nil
}

func syntaxProblem(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return fmt.Errorf("not valid JSON at line %d: %v; check the file is GeoJSON text, not truncated", line, se)
	}
	return fmt.Errorf("not valid JSON: %v", err)
}

// checkDuplicates walks data's tokens and refuses an object holding the same member twice.
func checkDuplicates(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []map[string]bool // one set per open object, nil for arrays
	expectKey := func() bool { return len(stack) > 0 && stack[len(stack)-1] != nil }
	for {
		if expectKey() && dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return nil // decodeJSON reports the syntax error
			}
			key, _ := tok.(string)
			if stack[len(stack)-1][key] {
				return fmt.Errorf("duplicate member %q in an object: the document is ambiguous; keep one", key)
			}
			stack[len(stack)-1][key] = true
		}
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, map[string]bool{})
		case json.Delim('['):
			stack = append(stack, nil)
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 {
			return nil
		}
	}
}
