package mobilesync

import (
	"strings"
	"testing"
)

func TestMergeText(t *testing.T) {
	base := "Jardin partagé.\n\nOuvert le samedi.\n\nContact : mairie."
	cases := []struct {
		name, server, client, want string
		ok                         bool
	}{
		{"both edit different paragraphs",
			"Jardin partagé et verger.\n\nOuvert le samedi.\n\nContact : mairie.",
			"Jardin partagé.\n\nOuvert le samedi.\n\nContact : asso@example.org.",
			"Jardin partagé et verger.\n\nOuvert le samedi.\n\nContact : asso@example.org.", true},
		{"client appends a paragraph",
			"Jardin partagé.\n\nOuvert le samedi et le dimanche.\n\nContact : mairie.",
			base + "\n\nComposteur collectif.",
			"Jardin partagé.\n\nOuvert le samedi et le dimanche.\n\nContact : mairie.\n\nComposteur collectif.", true},
		{"same edit on both sides",
			"Jardin partagé.\n\nOuvert le dimanche.\n\nContact : mairie.",
			"Jardin partagé.\n\nOuvert le dimanche.\n\nContact : mairie.",
			"Jardin partagé.\n\nOuvert le dimanche.\n\nContact : mairie.", true},
		{"overlapping edits",
			"Jardin partagé.\n\nOuvert le dimanche.\n\nContact : mairie.",
			"Jardin partagé.\n\nOuvert le lundi.\n\nContact : mairie.", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := mergeText(base, c.server, c.client)
			if ok != c.ok || got != c.want {
				t.Errorf("got %q, %v; want %q, %v", got, ok, c.want, c.ok)
			}
		})
	}
}

// TestMergeTextBounded: a hostile push cannot make the quadratic line diff run on huge texts;
// such texts are not merged (the server keeps its text and the client's goes to a conflict row).
func TestMergeTextBounded(t *testing.T) {
	huge := strings.Repeat("line\n", maxMergeBytes/5+1)
	if _, ok := mergeText(huge, huge+"server", "client"+huge); ok {
		t.Errorf("got a merge of %d bytes, want a refusal above %d", len(huge), maxMergeBytes)
	}
	small := strings.Repeat("line\n", 100)
	if _, ok := mergeText(small, small+"server", "client\n"+small); !ok {
		t.Errorf("a %d-byte text was not merged", len(small))
	}
}
