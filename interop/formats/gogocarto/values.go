package gogocarto

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/maillage/maillage/interop/formats/fields"
)

// text writes a JSON string or number as text; "" for anything else. raw comes from a document
// already parsed, so it is valid JSON: a string without escapes is its bytes between quotes.
func text(raw json.RawMessage) string {
	b := bytes.TrimSpace(raw)
	if len(b) == 0 {
		return ""
	}
	switch c := b[0]; {
	case c == '"' && bytes.IndexByte(b, '\\') < 0 && len(b) >= 2:
		return strings.TrimSpace(string(b[1 : len(b)-1]))
	case c == '"':
		var s string
		if json.Unmarshal(b, &s) != nil {
			return ""
		}
		return strings.TrimSpace(s)
	case c == '-' || (c >= '0' && c <= '9'):
		return string(b)
	}
	return ""
}

// address reads a GoGoCarto address: its formatted text when the map wrote one, else its
// parts joined; an address given as text is kept as it is.
func address(raw json.RawMessage) string {
	var a struct {
		Street     string `json:"streetAddress"`
		Locality   string `json:"addressLocality"`
		PostalCode string `json:"postalCode"`
		Country    string `json:"addressCountry"`
		Formatted  string `json:"customFormatedAddress"`
	}
	if json.Unmarshal(raw, &a) != nil {
		return text(raw)
	}
	if f := strings.TrimSpace(a.Formatted); f != "" {
		return f
	}
	return fields.JoinAddress(a.Street, a.PostalCode, a.Locality, a.Country)
}

// email drops the "hidden" that public exports write in place of a protected address.
func email(v string) string {
	v = strings.TrimSpace(v)
	if strings.EqualFold(v, "hidden") || !strings.Contains(v, "@") {
		return ""
	}
	return v
}

// weekDays are GoGoCarto's opening-hours keys, in the week's order.
var weekDays = []string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}

// week writes opening hours by day ({"Tu": "09:00-12:00"}) as one text, in the week's order;
// hours given as text are kept as they are.
func week(raw json.RawMessage) string {
	var hours map[string]string
	if json.Unmarshal(raw, &hours) != nil {
		return text(raw)
	}
	var byDay [7]string
	for i, d := range weekDays {
		byDay[i] = hours[d]
	}
	return fields.WeekHours(byDay)
}

func joinText(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// extra keeps every member of an element by name: scalars as text, the rest as JSON.
func extra(raw json.RawMessage) map[string]string {
	var members map[string]json.RawMessage
	if json.Unmarshal(raw, &members) != nil {
		return map[string]string{}
	}
	out := make(map[string]string, len(members))
	for k, v := range members {
		if t := text(v); t != "" {
			out[k] = t
		} else if s := string(bytes.TrimSpace(v)); s != "null" && s != `""` {
			out[k] = s
		}
	}
	return out
}

// kindOf names the JSON kind of raw, for a problem about a non-object element.
func kindOf(raw json.RawMessage) string {
	switch b := bytes.TrimSpace(raw); {
	case len(b) == 0:
		return "nothing"
	case b[0] == '[':
		return "an array"
	case b[0] == '"':
		return "a string"
	case b[0] == 'n':
		return "null"
	case b[0] == 't' || b[0] == 'f':
		return "a boolean"
	case b[0] == '{':
		return "an object of another shape"
	}
	return "a number"
}
