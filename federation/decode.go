package federation

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Document is a decoded ActivityStreams 2.0 document: a JSON object, checked by Decode.
type Document map[string]any

// asContexts are the ActivityStreams context's spellings; a document with a @context must
// name one of them (a document with none, as Gancio sends, is read as ActivityStreams).
var asContexts = map[string]bool{
	"https://www.w3.org/ns/activitystreams": true, "http://www.w3.org/ns/activitystreams": true,
	"https://www.w3.org/ns/activitystreams#": true, "http://www.w3.org/ns/activitystreams#": true,
}

// Decode reads an ActivityStreams 2.0 document and refuses, with the reason, what is not one:
// text that is not UTF-8, JSON that is not an object (or that something follows), a context
// other than ActivityStreams, properties of the wrong kind (a number as id, type, name, actor or
// object; a language map as name or a string as nameMap), an ill-formed language tag, a
// relative url, and collections whose items or first page contradict their type.
func Decode(data []byte) (Document, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("not UTF-8 text")
	}
	var top any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&top); err != nil {
		return nil, fmt.Errorf("not JSON: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("not JSON: something follows the document")
	}
	doc, ok := top.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the document is a %s, not an object", kindOf(top))
	}
	if err := checkContext(doc["@context"], doc); err != nil {
		return nil, err
	}
	if err := checkNode(doc, "the document"); err != nil {
		return nil, err
	}
	return Document(doc), nil
}

// checkContext accepts no context, or one that names ActivityStreams (alone or in a list).
func checkContext(ctx any, doc map[string]any) error {
	if _, has := doc["@context"]; !has {
		return nil
	}
	switch c := ctx.(type) {
	case string:
		if asContexts[c] {
			return nil
		}
	case []any:
		for _, item := range c {
			if s, ok := item.(string); ok && asContexts[s] {
				return nil
			}
		}
	default:
		return fmt.Errorf("@context is a %s, not a URI or a list", kindOf(ctx))
	}
	return errors.New("@context does not name ActivityStreams (https://www.w3.org/ns/activitystreams)")
}

// kindOf names a decoded JSON value's kind for a refusal.
func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "list"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	}
	return "null"
}

// checkNode checks one object's properties, then the objects nested in it.
func checkNode(n map[string]any, where string) error {
	for _, check := range nodeChecks {
		if err := check(n); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	for key, v := range n {
		if key == "@context" {
			continue
		}
		if err := checkNested(v, where+"."+key); err != nil {
			return err
		}
	}
	return nil
}

// checkNested checks the objects inside v (an object, or a list of them).
func checkNested(v any, where string) error {
	switch t := v.(type) {
	case map[string]any:
		if !isLanguageMap(where) {
			return checkNode(t, where)
		}
	case []any:
		for i, item := range t {
			if err := checkNested(item, fmt.Sprintf("%s[%d]", where, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// isLanguageMap says whether the property at where holds a language map (nameMap…), whose
// keys are tags, not properties.
func isLanguageMap(where string) bool {
	for _, m := range []string{".nameMap", ".contentMap", ".summaryMap"} {
		if len(where) >= len(m) && where[len(where)-len(m):] == m {
			return true
		}
	}
	return false
}

// checkURL refuses a url that is a string but not an absolute URI.
func checkURL(n map[string]any) error {
	var urls []any
	switch u := n["url"].(type) {
	case string:
		urls = []any{u}
	case []any:
		urls = u
	}
	for _, item := range urls {
		if s, ok := item.(string); ok {
			if parsed, err := url.Parse(s); err != nil || !parsed.IsAbs() {
				return fmt.Errorf("url %q is not an absolute URI", s)
			}
		}
	}
	return nil
}

// checkLanguageTag refuses a language map key that is not a well-formed BCP 47 tag; a
// well-formed tag of an unknown language is accepted.
func checkLanguageTag(tag string) error {
	_, err := language.Parse(tag)
	var unknown language.ValueError
	if err == nil || errors.As(err, &unknown) {
		return nil
	}
	return fmt.Errorf("language tag %q is not well-formed (RFC 5646)", tag)
}
