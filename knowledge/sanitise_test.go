package knowledge

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
	xhtml "golang.org/x/net/html"
)

// hostile are Markdown bodies that try to carry HTML or script into a page.
var hostile = map[string]string{
	"script block":       "Intro\n\n<script>alert(1)</script>\n\nFin",
	"inline tag":         "Un <img src=x onerror=alert(1)> au milieu",
	"event attribute":    "<div onclick=\"alert(1)\">clic</div>",
	"iframe":             "<iframe src=\"https://evil.example\"></iframe>",
	"comment":            "a <!-- <script>alert(1)</script> --> b",
	"nested html":        "<div>\n<script>\nalert(1)\n</script>\n</div>",
	"html in list":       "- item\n- <svg onload=alert(1)>\n",
	"html in quote":      "> <style>body{display:none}</style>",
	"javascript link":    "[clic](javascript:alert(1))",
	"entity scheme":      "[clic](javascript&#58;alert(1))",
	"upper scheme":       "[clic](JaVaScRiPt:alert(1))",
	"data image":         "![x](data:image/svg+xml;base64,PHN2Zz4=)",
	"vbscript":           "[x](vbscript:msgbox(1))",
	"autolink":           "<javascript:alert(1)>",
	"reference link":     "[clic][r]\n\n[r]: javascript:alert(1)",
	"emphasis in link":   "[*clic*](javascript:alert(1))",
	"escaped angle html": "\\\\<b onmouseover=alert(1)>x</b>",
	"cdata":              "<![CDATA[<script>alert(1)</script>]]>",
	"processing":         "<?php echo 1; ?>",
	"declaration":        "<!DOCTYPE html>",
	"null byte":          "<scr\x00ipt>alert(1)</script>",
}

// TestSanitiseLeavesNoHTML renders each hostile body, once sanitised, with raw HTML allowed
// (the most trusting renderer) and checks that only Markdown's own elements and safe
// addresses come out. The control: each unsanitised body does produce a violation, so the
// check sees what it is meant to refuse.
func TestSanitiseLeavesNoHTML(t *testing.T) {
	for name, src := range hostile {
		t.Run(name, func(t *testing.T) {
			if bad := violations(t, src); len(bad) == 0 {
				t.Fatalf("control: the raw body renders cleanly, the case tests nothing: %q", render(t, src))
			}
			clean, err := Sanitise(src)
			if err != nil {
				t.Fatalf("sanitise: %v", err)
			}
			if bad := violations(t, clean); len(bad) > 0 {
				t.Fatalf("sanitised %q renders %q: %v", clean, render(t, clean), bad)
			}
			if again, _ := Sanitise(clean); again != clean {
				t.Fatalf("sanitising twice changes the body: %q then %q", clean, again)
			}
		})
	}
}

// TestSanitiseKeepsMarkdown: an ordinary page comes back byte for byte, and a hostile tag
// stays as readable text.
func TestSanitiseKeepsMarkdown(t *testing.T) {
	page := "# Composter en pied d'immeuble\n\nIl faut **trois bacs** et un *peu* de `patience`.\n\n" +
		"1. Demander au bailleur\n2. Voir [la mairie](https://www.example.org/compost) ou [le jardin](#/initiatives/abc123)\n\n" +
		"![Le bac](bac_x1y2.jpg)\n\n> Écrire à <contact@example.org> : 3 < 5 et 5 > 3\n\n```\n<b>code</b>\n```\n"
	clean, err := Sanitise(page)
	if err != nil || clean != page {
		t.Fatalf("got %q, %v; want the page unchanged", clean, err)
	}
	clean, _ = Sanitise("Voir <b>ceci</b>")
	if got := render(t, clean); !strings.Contains(got, "&lt;b&gt;ceci&lt;/b&gt;") {
		t.Fatalf("the tag should read as text, got %q", got)
	}
}

// TestSafeURL lists the addresses a page may and may not link to.
func TestSafeURL(t *testing.T) {
	for url, want := range map[string]bool{
		"https://example.org": true, "http://x.fr/a?b=c": true, "mailto:a@b.fr": true, "tel:+33100000000": true,
		"#/wiki/compost": true, "/api/files/x/y/z.jpg": true, "photo_ab12.jpg": true, "": true,
		"javascript:alert(1)": false, "JAVASCRIPT:alert(1)": false, "data:text/html,x": false,
		"vbscript:x": false, " javascript:x": false, "java\tscript:x": false, "file:///etc/passwd": false,
	} {
		if got := SafeURL(url); got != want {
			t.Errorf("SafeURL(%q) = %v, want %v", url, got, want)
		}
	}
}

// allowed are the elements CommonMark renders from Markdown itself.
var allowed = map[string]bool{"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"em": true, "strong": true, "code": true, "pre": true, "blockquote": true, "ul": true, "ol": true, "li": true,
	"a": true, "img": true, "br": true, "hr": true}

// violations renders src with raw HTML passed through and lists every element or attribute
// that Markdown alone would not produce, and every unsafe address.
func violations(t *testing.T, src string) []string {
	t.Helper()
	var bad []string
	z := xhtml.NewTokenizer(strings.NewReader(render(t, src)))
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		switch tt {
		case xhtml.CommentToken, xhtml.DoctypeToken:
			bad = append(bad, "markup "+string(z.Raw()))
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			tok := z.Token()
			if !allowed[tok.Data] {
				bad = append(bad, "element "+tok.Data)
			}
			for _, a := range tok.Attr {
				if !(a.Key == "href" || a.Key == "src" || a.Key == "alt" || a.Key == "title") {
					bad = append(bad, "attribute "+a.Key)
				} else if (a.Key == "href" || a.Key == "src") && !SafeURL(a.Val) {
					bad = append(bad, "address "+a.Val)
				}
			}
		}
	}
	if strings.Contains(src, "<?") && strings.Contains(render(t, src), "<?") {
		bad = append(bad, "processing instruction")
	}
	return bad
}

// render is goldmark's HTML of src with raw HTML and every address allowed.
func render(t *testing.T, src string) string {
	t.Helper()
	var out bytes.Buffer
	md := goldmark.New(goldmark.WithRendererOptions(html.WithUnsafe()))
	if err := md.Convert([]byte(src), &out); err != nil {
		t.Fatalf("render: %v", err)
	}
	return out.String()
}
