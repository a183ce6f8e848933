package jsonld

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// scripts returns the contents of an HTML page's <script type="application/ld+json"> blocks,
// in the page's order. The tokenizer is the one browsers' parsing rules are written for, so
// a script's text ends where a browser ends it.
func scripts(page []byte) [][]byte {
	z := html.NewTokenizer(bytes.NewReader(page))
	var out [][]byte
	inBlock := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			inBlock = string(name) == "script" && hasAttr && isLD(z)
		case html.TextToken:
			if inBlock {
				out = append(out, append([]byte(nil), z.Text()...))
				inBlock = false
			}
		case html.EndTagToken:
			inBlock = false
		}
	}
}

// isLD reports whether the current tag's type attribute is application/ld+json.
func isLD(z *html.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		if string(key) == "type" {
			mediaType, _, _ := strings.Cut(string(val), ";")
			return strings.EqualFold(strings.TrimSpace(mediaType), "application/ld+json")
		}
		if !more {
			return false
		}
	}
}

// blocks are the tags that separate words; inline ones (a, span, em…) do not.
var blocks = map[string]bool{"p": true, "br": true, "div": true, "li": true, "ul": true, "ol": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "tr": true, "td": true}

// stripTags returns the text of an HTML fragment (an ActivityPub note's content), its tags
// removed and its spaces folded.
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return strings.Join(strings.Fields(s), " ")
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			if name, _ := z.TagName(); blocks[string(name)] {
				b.WriteByte(' ')
			}
		}
	}
}
