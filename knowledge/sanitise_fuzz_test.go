package knowledge

import (
	"errors"
	"strings"
	"testing"
)

// FuzzSanitise: whatever the Markdown, Sanitise either gives up with ErrTooTangled or returns
// a body that renders (raw HTML allowed, the most trusting renderer) to Markdown's own
// elements and safe addresses only, that is the input with backslashes inserted and nothing
// else changed (NULs dropped), and that a second pass leaves unchanged. The seeds are the
// hostile bodies of sanitise_test.go; `go test` runs them, `-fuzz FuzzSanitise` explores.
func FuzzSanitise(f *testing.F) {
	for _, src := range hostile {
		f.Add(src)
	}
	f.Add("# Titre\n\n[lien](https://example.org) ![x](a.jpg) <contact@example.org>\n")
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			t.Skip("a page body is bounded by its field; long inputs only slow the search")
		}
		clean, err := Sanitise(src)
		if errors.Is(err, ErrTooTangled) {
			return
		}
		if err != nil {
			t.Fatalf("an error other than ErrTooTangled: %v", err)
		}
		if bad := violations(t, clean); len(bad) > 0 {
			t.Fatalf("Sanitise(%q) = %q renders %v", src, clean, bad)
		}
		if !onlyBackslashesAdded(strings.ReplaceAll(src, "\x00", ""), clean) {
			t.Fatalf("Sanitise(%q) = %q changed more than escapes", src, clean)
		}
		if again, err := Sanitise(clean); err != nil || again != clean {
			t.Fatalf("a second pass changes %q into %q (%v)", clean, again, err)
		}
	})
}

// onlyBackslashesAdded reports whether out is in with backslashes inserted and nothing else.
func onlyBackslashesAdded(in, out string) bool {
	i := 0
	for j := 0; j < len(out); j++ {
		if i < len(in) && out[j] == in[i] {
			i++
		} else if out[j] != '\\' {
			return false
		}
	}
	return i == len(in)
}
