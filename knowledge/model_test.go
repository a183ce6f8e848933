package knowledge_test

import (
	"net/http"
	"testing"

	"github.com/maillage/maillage/knowledge"
	s "github.com/maillage/maillage/schema"
)

// TestSlugify lists titles and their slugs.
func TestSlugify(t *testing.T) {
	for title, want := range map[string]string{
		"Réparer son vélo, pas à pas":   "reparer-son-velo-pas-a-pas",
		"  L'Île-Saint-Denis : œuvres ": "l-ile-saint-denis-oeuvres",
		"!!!":                           "page",
		"Compost 2026":                  "compost-2026",
	} {
		if got := knowledge.Slugify(title); got != want || !knowledge.ValidSlug(got) {
			t.Errorf("Slugify(%q) = %q (valid %v), want %q", title, got, knowledge.ValidSlug(got), want)
		}
	}
}

// TestPageModelRules: through the REST API, a page gets a free slug from its title, a slug
// set by hand must be well formed and free, its body is sanitised, and it may link only to
// initiatives its author can read (the control: a public one is accepted).
func TestPageModelRules(t *testing.T) {
	w := newWorld(t)
	create := func(body map[string]any) (int, map[string]any) {
		body[s.FieldAuthor] = w.people[author].ID()
		return w.call(t, author, http.MethodPost, pagesPath, body)
	}
	_, first := create(map[string]any{s.FieldPageTitle: "Réparer son vélo", s.FieldPageBody: "Voir <script>alert(1)</script>"})
	_, second := create(map[string]any{s.FieldPageTitle: "Réparer son vélo"})
	if first[s.FieldPageSlug] != "reparer-son-velo" || second[s.FieldPageSlug] != "reparer-son-velo-2" {
		t.Fatalf("slugs %v and %v, want reparer-son-velo and reparer-son-velo-2", first[s.FieldPageSlug], second[s.FieldPageSlug])
	}
	if got := first[s.FieldPageBody]; got != `Voir \<script>alert(1)\</script>` {
		t.Fatalf("body %q, want the tags escaped", got)
	}
	for _, slug := range []string{"Pas Bon", "reparer-son-velo"} {
		if status, _ := create(map[string]any{s.FieldPageTitle: "Autre", s.FieldPageSlug: slug}); status != http.StatusBadRequest {
			t.Errorf("slug %q: status %d, want 400", slug, status)
		}
	}
	private := w.save(t, s.Initiatives, map[string]any{"name": "Jardin privé", s.FieldVisibility: s.VisibilityPrivate,
		s.FieldStatus: s.StatusPublished, s.FieldAuthor: w.people[resident].ID()})
	public := w.save(t, s.Initiatives, map[string]any{"name": "Jardin ouvert", s.FieldVisibility: s.VisibilityPublic,
		s.FieldStatus: s.StatusPublished})
	if status, _ := create(map[string]any{s.FieldPageTitle: "Lien", s.FieldPageInitiatives: []string{private.Id}}); status != http.StatusBadRequest {
		t.Errorf("a link to another's private initiative: status %d, want 400", status)
	}
	if status, out := create(map[string]any{s.FieldPageTitle: "Lien", s.FieldPageInitiatives: []string{public.Id}}); status != http.StatusOK {
		t.Errorf("control: a link to a public initiative: status %d %v, want 200", status, out)
	}
}
