package jsonld

import (
	"fmt"
	"strings"
)

// node is a normalised JSON-LD object.
type node map[string]any

// labelled is a top-level node with the label that names it in reports.
type labelled struct {
	label string
	node  node
}

// activities are the ActivityStreams activities that publish their object: reading a feed
// of them reads the objects. Other activities (Accept, Join…) are not items.
var activities = map[string]bool{"Create": true, "Update": true, "Announce": true, "Add": true}

// nodes returns a document's top-level items: the members of arrays and @graph, the objects
// of publishing activities, the items of collections and lists, a page's main entity.
func (d document) nodes() []labelled {
	var out []labelled
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > maxDepth {
			return
		}
		switch t := v.(type) {
		case []any:
			for _, x := range t {
				walk(x, depth+1)
			}
		case map[string]any:
			if inner, ok := container(node(t)); ok {
				walk(inner, depth+1)
				return
			}
			out = append(out, labelled{node: node(t)})
		}
	}
	walk(d.value, 0)
	for i := range out {
		out[i].label = d.label
		if len(out) > 1 {
			out[i].label = fmt.Sprintf("%s, item %d", d.label, i+1)
		}
	}
	return out
}

// container returns what a wrapping node holds, when it is a wrapper: a @graph, an
// activity's object, a collection's items, a list's elements, a web page's main entity.
func container(n node) (any, bool) {
	if g, ok := n["@graph"]; ok {
		return g, true
	}
	for _, t := range n.types() {
		switch {
		case activities[t] && n["object"] != nil:
			return n["object"], true
		case strings.HasSuffix(t, "Collection") || strings.HasSuffix(t, "CollectionPage"):
			if items := first(n["orderedItems"], n["items"]); items != nil {
				return items, true
			}
		case t == "ItemList":
			return listItems(n["itemListElement"]), true
		case strings.HasSuffix(t, "Page") && n["mainEntity"] != nil:
			return n["mainEntity"], true
		}
	}
	return nil, false
}

// listItems unwraps the ListItems of an ItemList into the things they hold.
func listItems(v any) []any {
	var out []any
	for _, x := range asList(v) {
		if li, ok := x.(map[string]any); ok && node(li).is("ListItem") && li["item"] != nil {
			out = append(out, li["item"])
			continue
		}
		out = append(out, x)
	}
	return out
}

// types lists the node's type names.
func (n node) types() []string {
	var out []string
	for _, x := range asList(n["@type"]) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (n node) is(t string) bool {
	for _, x := range n.types() {
		if x == t {
			return true
		}
	}
	return false
}

func asList(v any) []any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		return t
	}
	return []any{v}
}

func first(vals ...any) any {
	for _, v := range vals {
		if v != nil {
			return v
		}
	}
	return nil
}
