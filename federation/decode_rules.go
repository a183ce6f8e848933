package federation

import (
	"fmt"

	"golang.org/x/text/language"
)

// nodeChecks are the checks of one object's own properties.
var nodeChecks = []func(map[string]any) error{
	checkKinds, checkLanguageMaps, checkURL, checkCollection,
}

// stringProps must be strings; refProps strings (links), objects or lists of them.
var (
	stringProps = []string{"id", "name", "content", "summary", "startTime", "endTime", "published", "updated"}
	refProps    = []string{"actor", "object", "target", "attributedTo", "location", "inReplyTo"}
)

// checkKinds refuses properties of the wrong JSON kind.
func checkKinds(n map[string]any) error {
	for _, p := range stringProps {
		if err := checkString(p, n[p]); err != nil {
			return err
		}
	}
	if err := checkType(n["type"]); err != nil {
		return err
	}
	for _, p := range refProps {
		if v, has := n[p]; has && v != nil && !isRef(v) {
			return fmt.Errorf("%s is a %s, not a link or an object", p, kindOf(v))
		}
	}
	return nil
}

// checkString accepts a missing or null property, a string, and, for a natural language
// property, a map whose keys are all known languages (as some publishers write nameMap).
func checkString(p string, v any) error {
	switch t := v.(type) {
	case nil, string:
		return nil
	case map[string]any:
		if p != "name" && p != "content" && p != "summary" {
			break
		}
		for tag, text := range t {
			if _, err := language.Parse(tag); err != nil {
				return fmt.Errorf("%s is an object whose key %q is not a known language (use %sMap)", p, tag, p)
			}
			if _, ok := text.(string); !ok {
				return fmt.Errorf("%s[%s] is a %s, not a string", p, tag, kindOf(text))
			}
		}
		return nil
	}
	return fmt.Errorf("%s is a %s, not a string", p, kindOf(v))
}

// checkType accepts no type, a string, or a list of strings.
func checkType(t any) error {
	switch v := t.(type) {
	case nil, string:
		return nil
	case []any:
		for _, item := range v {
			if _, ok := item.(string); !ok {
				return fmt.Errorf("type lists a %s, not a string", kindOf(item))
			}
		}
		return nil
	}
	return fmt.Errorf("type is a %s, not a string", kindOf(t))
}

// isRef says whether v is a link (string), an object, or a list of them.
func isRef(v any) bool {
	switch t := v.(type) {
	case string, map[string]any:
		return true
	case []any:
		for _, item := range t {
			if !isRef(item) {
				return false
			}
		}
		return true
	}
	return false
}

// checkLanguageMaps refuses a language map that is not an object of strings under well-formed
// language tags.
func checkLanguageMaps(n map[string]any) error {
	for _, p := range []string{"nameMap", "contentMap", "summaryMap"} {
		v, has := n[p]
		if !has {
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s is a %s, not a language map", p, kindOf(v))
		}
		for tag, text := range m {
			if err := checkLanguageTag(tag); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			if _, ok := text.(string); !ok {
				return fmt.Errorf("%s[%s] is a %s, not a string", p, tag, kindOf(text))
			}
		}
	}
	return nil
}

// pageTypes are the types a collection's first page may have (a page, or a Link to one), by
// collection type.
var pageTypes = map[string]map[string]bool{
	"Collection":        {"CollectionPage": true, "OrderedCollectionPage": true, "Link": true},
	"OrderedCollection": {"OrderedCollectionPage": true, "Link": true},
}

// checkCollection refuses ordered collections with unordered items and the reverse, and a
// first page that is an object but not a page.
func checkCollection(n map[string]any) error {
	kind, _ := n["type"].(string)
	if kind == "OrderedCollection" || kind == "OrderedCollectionPage" {
		if _, has := n["items"]; has {
			return fmt.Errorf("%s holds items, not orderedItems", kind)
		}
	}
	if kind == "Collection" || kind == "CollectionPage" {
		if _, has := n["orderedItems"]; has {
			return fmt.Errorf("%s holds orderedItems, which only ordered collections have", kind)
		}
	}
	first, ok := n["first"].(map[string]any)
	if pages := pageTypes[kind]; ok && pages != nil {
		if t, _ := first["type"].(string); !pages[t] {
			return fmt.Errorf("the first page of a %s is a %q, not a page", kind, t)
		}
	}
	return nil
}
