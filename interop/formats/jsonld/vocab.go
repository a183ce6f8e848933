package jsonld

import (
	"strings"
)

// The vocabularies read, by their namespace IRIs (either scheme, with "/" or "#").
var vocabularyIRIs = []string{"schema.org/", "schema.org#", "schema.org", "www.w3.org/ns/activitystreams#", "www.w3.org/ns/activitystreams"}

// builtinPrefixes are the compact-IRI prefixes every document may use for them.
var builtinPrefixes = []string{"schema:", "as:"}

// maxDepth bounds the nesting read, so that a hostile document cannot exhaust the stack.
const maxDepth = 64

// isVocabulary reports whether iri is the namespace of schema.org or ActivityStreams.
func isVocabulary(iri string) bool {
	rest := strings.TrimPrefix(strings.TrimPrefix(iri, "https://"), "http://")
	for _, v := range vocabularyIRIs {
		if rest == v {
			return true
		}
	}
	return false
}

// vocabularies returns the prefixes a document's @context binds to the vocabularies read
// ("sc:" for Mobilizon's "sc": "http://schema.org#"), with the built-in ones.
func vocabularies(doc any) []string {
	prefixes := append([]string(nil), builtinPrefixes...)
	root, _ := doc.(map[string]any)
	var walk func(ctx any, depth int)
	walk = func(ctx any, depth int) {
		switch c := ctx.(type) {
		case []any:
			for _, x := range c {
				if depth < 4 {
					walk(x, depth+1)
				}
			}
		case map[string]any:
			for k, v := range c {
				if iri, ok := v.(string); ok && isVocabulary(iri) && !strings.HasPrefix(k, "@") {
					prefixes = append(prefixes, k+":")
				}
			}
		}
	}
	walk(root["@context"], 0)
	return prefixes
}

// term returns a key as the vocabulary's bare term: "schema:name", "sc:name",
// "http://schema.org/name" and "name" are all "name"; "type" and "id" are "@type" and "@id".
func term(key string, prefixes []string) string {
	switch key {
	case "type":
		return "@type"
	case "id":
		return "@id"
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(key, p); ok {
			return rest
		}
	}
	for _, scheme := range []string{"https://", "http://"} {
		for _, v := range vocabularyIRIs {
			if rest, ok := strings.CutPrefix(key, scheme+v); ok && rest != "" {
				return rest
			}
		}
	}
	return key
}

// normalise rewrites a JSON-LD value with bare terms as keys and as type names, and {"@value":
// x} value objects as x; @context is dropped. Deeper than maxDepth, nothing is kept.
func normalise(v any, prefixes []string, depth int) any {
	if depth > maxDepth {
		return nil
	}
	switch t := v.(type) {
	case []any:
		out := make([]any, 0, len(t))
		for _, x := range t {
			out = append(out, normalise(x, prefixes, depth+1))
		}
		return out
	case map[string]any:
		if val, ok := t["@value"]; ok {
			return normalise(val, prefixes, depth+1)
		}
		out := make(map[string]any, len(t))
		for k, x := range t {
			if k == "@context" {
				continue
			}
			k = term(k, prefixes)
			if k == "@type" {
				x = typeNames(x, prefixes)
			}
			out[k] = normalise(x, prefixes, depth+1)
		}
		return out
	}
	return v
}

// typeNames writes a @type value (a name or a list of names) with bare terms.
func typeNames(v any, prefixes []string) any {
	switch t := v.(type) {
	case string:
		return term(t, prefixes)
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = typeNames(x, prefixes)
		}
		return out
	}
	return v
}
