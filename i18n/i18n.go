// Package i18n holds every message the server writes for people, in French and English, and
// picks one language per answer: the signed-in user's locale, else the request's
// Accept-Language, else French. Codes stay language-independent; only the text changes.
//
//	msg := i18n.T(i18n.EN, "outside_territory", map[string]any{"km": 98.0, "commune": "Stains"})
package i18n

import (
	"fmt"
	"sort"
	"strings"
)

// The languages Maillage writes in; French is the default.
const (
	FR = "fr"
	EN = "en"
)

// Langs lists the supported languages, the default first.
var Langs = []string{FR, EN}

// Text is one message in both languages, with {name} placeholders filled from params.
type Text struct{ FR, EN string }

// catalogue maps a message key (usually the error code the API returns) to its texts. The
// messages_*.go files add their area's keys with add, at package initialisation.
var catalogue = map[string]Text{}

// add registers texts; a key defined twice is a programming error.
func add(texts map[string]Text) {
	for k, v := range texts {
		if _, dup := catalogue[k]; dup {
			panic("i18n: message key defined twice: " + k)
		}
		catalogue[k] = v
	}
}

// Has reports whether key is a known message.
func Has(key string) bool { _, ok := catalogue[key]; return ok }

// Keys returns every message key, sorted.
func Keys() []string {
	keys := make([]string, 0, len(catalogue))
	for k := range catalogue {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// T writes message key in lang with its {placeholders} replaced by params. An unknown key is
// returned as it is, so a missing message shows its code rather than nothing.
func T(lang, key string, params map[string]any) string {
	text, ok := catalogue[key]
	if !ok {
		return key
	}
	tmpl := text.FR
	if lang == EN {
		tmpl = text.EN
	}
	return fill(tmpl, lang, params)
}

// fill replaces each {name} of tmpl by params[name], numbers written the language's way.
func fill(tmpl, lang string, params map[string]any) string {
	if len(params) == 0 {
		return tmpl
	}
	pairs := make([]string, 0, 2*len(params))
	for name, v := range params {
		pairs = append(pairs, "{"+name+"}", format(lang, v))
	}
	return strings.NewReplacer(pairs...).Replace(tmpl)
}

// format writes v for lang: a float with one decimal and a decimal comma in French.
func format(lang string, v any) string {
	f, ok := v.(float64)
	if !ok {
		return fmt.Sprint(v)
	}
	s := fmt.Sprintf("%.1f", f)
	if lang == FR {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
