package knowledge

import (
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// ErrTooTangled is returned for a body whose raw HTML and unsafe links would take more than
// maxPasses passes to neutralise (a hostile construction, never a page someone wrote).
var ErrTooTangled = errors.New("markdown too tangled to sanitise")

// maxPasses bounds the passes of Sanitise: each pass escapes every construct found, and
// escaping one may reveal another (HTML inside HTML), so a real page needs two or three.
const maxPasses = 16

// markdown is the CommonMark parser pages are read with (no extension: what the PWA draws).
var markdown = goldmark.New()

// Sanitise returns the Markdown src with no raw HTML and no link or image to an unsafe address
// left: each HTML tag, comment or block has its "<" escaped ("\<"), so that it reads as the
// text it was, and each such link or image its "[" escaped, so that it reads as plain text.
// What remains renders to HTML made only of Markdown's own elements, in any CommonMark
// renderer. The text is otherwise kept byte for byte (so that edits still merge as text).
func Sanitise(src string) (string, error) {
	src = strings.ReplaceAll(src, "\x00", "")
	for range maxPasses {
		at := unsafeSpots([]byte(src))
		if len(at) == 0 {
			return src, nil
		}
		src = escapeAt(src, at)
	}
	return "", ErrTooTangled
}

// unsafeSpots parses src and returns the offsets of the bytes to escape, in any order.
func unsafeSpots(src []byte) []int {
	doc := markdown.Parser().Parse(text.NewReader(src))
	var at []int
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			at = append(at, spotsOf(n, src)...)
		}
		return ast.WalkContinue, nil
	})
	return at
}

// spotsOf returns the offsets to escape in node n.
func spotsOf(n ast.Node, src []byte) []int {
	switch n := n.(type) {
	case *ast.HTMLBlock:
		at := anglesIn(src, n.Lines())
		if n.HasClosure() {
			closure := text.NewSegments()
			closure.Append(n.ClosureLine)
			at = append(at, anglesIn(src, closure)...)
		}
		return at
	case *ast.RawHTML:
		return anglesIn(src, n.Segments)
	case *ast.AutoLink:
		if !SafeURL(decoded(n.URL(src))) {
			return []int{n.Pos()}
		}
	case *ast.Link:
		if !SafeURL(decoded(n.Destination)) {
			return []int{n.Pos()}
		}
	case *ast.Image:
		if !SafeURL(decoded(n.Destination)) {
			return []int{n.Pos() + 1} // after "!": the "[" that opens the image
		}
	}
	return nil
}

// decoded is an address as renderers write it out: backslash escapes and character
// references resolved ("javascript&#58;x" is "javascript:x").
func decoded(dest []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
}

// anglesIn returns the offsets of every "<" in segs.
func anglesIn(src []byte, segs *text.Segments) []int {
	var at []int
	for i := range segs.Len() {
		seg := segs.At(i)
		for j := seg.Start; j < seg.Stop && j < len(src); j++ {
			if src[j] == '<' {
				at = append(at, j)
			}
		}
	}
	return at
}

// escapeAt inserts a backslash before each offset of at in src.
func escapeAt(src string, at []int) string {
	slices.Sort(at)
	at = slices.Compact(at)
	var b strings.Builder
	b.Grow(len(src) + len(at))
	prev := 0
	for _, i := range at {
		if i < prev || i >= len(src) {
			continue
		}
		b.WriteString(src[prev:i])
		b.WriteByte('\\')
		prev = i
	}
	b.WriteString(src[prev:])
	return b.String()
}

// safeSchemes are the schemes a page may link to; an address without a scheme (a path, a
// fragment such as #/initiatives/ID, a file name of the page's images) is safe too.
var safeSchemes = []string{"http", "https", "mailto", "tel"}

// SafeURL reports whether a link or image address is safe to follow: no scheme, or one of
// http, https, mailto and tel. An address that does not parse (control characters, a colon
// before any slash: " javascript:…") is not.
func SafeURL(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	return u.Scheme == "" || slices.Contains(safeSchemes, strings.ToLower(u.Scheme))
}
