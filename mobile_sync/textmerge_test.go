package mobilesync

import (
	"strings"
	"testing"

	"github.com/epiclabs-io/diff3"
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

// TestMergeTextBounded: a hostile push cannot make the line diff run on huge texts; such
// texts are not merged (the server keeps its text and the client's goes to a conflict row).
func TestMergeTextBounded(t *testing.T) {
	cases := []struct {
		name string
		text string
		ok   bool
	}{
		{"ordinary", strings.Repeat("line\n", 100), true},
		{"at the line bound", strings.Repeat("x\n", maxMergeLines-2), true},
		{"too many bytes", strings.Repeat("line\n", maxMergeBytes/5+1), false},
		{"too many lines", strings.Repeat("x\n", maxMergeLines), false},
	}
	for _, c := range cases {
		if _, ok := mergeText(c.text, c.text+"server", "client\n"+c.text); ok != c.ok {
			t.Errorf("%s (%d bytes): merged %v, want %v", c.name, len(c.text), ok, c.ok)
		}
	}
}

// BenchmarkMergeTextWorstCase merges texts at the bounds that differ on every line: the cost
// a hostile push can impose inside the write transaction.
func BenchmarkMergeTextWorstCase(b *testing.B) {
	lines := func(s string) string { return strings.Repeat(s+"\n", maxMergeLines-1) }
	base, server, client := lines("a"), lines("b"), lines("c")
	for b.Loop() {
		mergeText(base, server, client)
	}
}

// BenchmarkMergeTextParagraphs merges a typical description edited on both sides.
func BenchmarkMergeTextParagraphs(b *testing.B) {
	var paras []string
	for i := range 40 {
		paras = append(paras, strings.Repeat("Jardin partagé ouvert à tous, ", 5)+string(rune('A'+i%26)))
	}
	base := strings.Join(paras, "\n\n")
	server := strings.Replace(base, paras[3], paras[3]+" (modifié)", 1)
	client := strings.Replace(base, paras[30], paras[30]+" (complété)", 1)
	for b.Loop() {
		if _, ok := mergeText(base, server, client); !ok {
			b.Fatal("no merge")
		}
	}
}

// BenchmarkDiff3Algorithms compares the library's two diffs on 1,000 lines that repeat (the
// case that made its default Hunt–McIlroy slow): why mergeText asks for Myers.
func BenchmarkDiff3Algorithms(b *testing.B) {
	base := strings.Split(strings.Repeat("a\n", 1000), "\n")
	server := append([]string{"server"}, base...)
	client := append(append([]string{}, base...), "client")
	for _, alg := range []struct {
		name string
		alg  diff3.DiffAlgorithm
	}{{"lcs", diff3.DiffAlgorithmLCS}, {"myers", diff3.DiffAlgorithmMyers}} {
		b.Run(alg.name, func(b *testing.B) {
			for b.Loop() {
				diff3.Diff3MergeWithOptions(server, base, client, diff3.MergeOptions{Algorithm: alg.alg, ExcludeFalseConflicts: true})
			}
		})
	}
}
