package jsonld

import (
	"fmt"
	"strings"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
)

// kindNames name kinds in problems.
var kindNames = map[kind]string{event: "Event", place: "Place", organisation: "Organization", business: "LocalBusiness"}

// item reads a top-level node into an item of collection, or a problem saying why it is not one.
func (l labelled) item(collection string) (interop.Item, *interop.Problem) {
	n := l.node
	label := fields.Label(l.label, n.text("name"))
	k := n.kindOf()
	ok, target := k.fits(collection)
	if !ok && target == "" {
		p := fields.Problem(label, CodeUnsupported, "type", firstText(strings.Join(n.types(), ", "), "—"))
		return interop.Item{}, &p
	}
	if !ok {
		p := fields.Problem(label, CodeWrongKind, "kind", kindNames[k], "collection", collection, "target", target)
		return interop.Item{}, &p
	}
	it := n.common(label)
	if k == event {
		ev, problem := n.event(label)
		if problem != nil {
			return it, problem
		}
		it.Event = ev
		if it.Geo == nil {
			it.Geo = locationOf(n["location"])
		}
	}
	if it.ExternalID == "" {
		it.ExternalID = fields.Identity(it)
	}
	return it, nil
}

// common reads what places, organisations and events share.
func (n node) common(label string) interop.Item {
	addr := addressOf(n["address"])
	it := interop.Item{
		ExternalID: firstText(n.id(), n.text("identifier"), n.link("url")), Label: label,
		Name: n.text("name"), Description: n.description(), Address: addr,
		Website: firstText(n.link("url"), n.link("sameAs")), Email: strings.TrimPrefix(n.text("email"), "mailto:"),
		Phone: n.text("telephone"), OpeningHours: n.openingHours(), Categories: n.categories(),
		Geo: pointOf(n), Extra: n.extra(),
	}
	return it
}

// description is the node's description, else its ActivityStreams summary or content (HTML).
func (n node) description() string {
	return firstText(n.text("description"), stripTags(n.text("summary")), stripTags(n.text("content")))
}

// categories are the node's keywords, category and hashtags (without their #).
func (n node) categories() []string {
	var out []string
	for _, kw := range asList(n["keywords"]) {
		if s, ok := kw.(string); ok {
			out = append(out, fields.SplitList(s)...)
		}
	}
	for _, c := range asList(n["category"]) {
		out = appendText(out, textOf(c))
	}
	for _, tag := range asList(n["tag"]) {
		if t, ok := tag.(map[string]any); ok && node(t).is("Hashtag") {
			out = appendText(out, strings.TrimPrefix(node(t).text("name"), "#"))
		}
	}
	return out
}

// openingHours is the node's openingHours text, else its specifications written as text.
func (n node) openingHours() string {
	var parts []string
	for _, h := range asList(n["openingHours"]) {
		parts = appendText(parts, textOf(h))
	}
	if len(parts) > 0 {
		return strings.Join(parts, "; ")
	}
	for _, spec := range asList(n["openingHoursSpecification"]) {
		if m, ok := spec.(map[string]any); ok {
			parts = appendText(parts, node(m).hoursSpec())
		}
	}
	return strings.Join(parts, "; ")
}

// hoursSpec writes one OpeningHoursSpecification: "Monday, Tuesday 09:00-17:00".
func (n node) hoursSpec() string {
	var days []string
	for _, d := range asList(n["dayOfWeek"]) {
		days = appendText(days, term(textOf(d), builtinPrefixes))
	}
	hours := strings.TrimSuffix(n.text("opens"), ":00") + "-" + strings.TrimSuffix(n.text("closes"), ":00")
	if hours == "-" {
		hours = ""
	}
	if from, through := n.text("validFrom"), n.text("validThrough"); from != "" {
		days = append(days, from+"/"+through)
	}
	return strings.TrimSpace(strings.Join(days, ", ") + " " + hours)
}

// extra keeps the node's scalar members by term, for a source's mapping.
func (n node) extra() map[string]string {
	out := map[string]string{}
	for k, v := range n {
		if t := textOf(v); t != "" {
			out[k] = t
		}
	}
	return out
}

func (n node) text(key string) string { return textOf(n[key]) }

// id is the node's @id, unless it is a blank node's, which changes from one reading to the next.
func (n node) id() string {
	if id := n.text("@id"); !strings.HasPrefix(id, "_:") {
		return id
	}
	return ""
}

// link reads a URL given as text, as {"@id"} or {"href"}, or the first of a list.
func (n node) link(key string) string {
	for _, v := range asList(n[key]) {
		if m, ok := v.(map[string]any); ok {
			v = first(m["@id"], m["href"], m["url"])
		}
		if s := textOf(v); s != "" {
			return s
		}
	}
	return ""
}

// textOf writes a scalar as text; a list gives its first text, a language map its first value.
func textOf(v any) string {
	switch t := v.(type) {
	case string:
		return strings.TrimSpace(t)
	case fmt.Stringer: // json.Number
		return t.String()
	case bool:
		return fmt.Sprint(t)
	case []any:
		for _, x := range t {
			if s := textOf(x); s != "" {
				return s
			}
		}
	}
	return ""
}

func firstText(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func appendText(list []string, v string) []string {
	if v = strings.TrimSpace(v); v != "" {
		return append(list, v)
	}
	return list
}
