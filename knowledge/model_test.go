package knowledge_test

import (
	"bytes"
	"errors"
	"image"
	imagepng "image/png"
	"net/http"
	"testing"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

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

// TestPageImagesGoThroughThePhotoPipeline: a page's images are cleaned like every photo, so a
// file that is not a usable picture is refused by the pipeline (invalid_photo) on the images
// field (the control: a real PNG is stored).
func TestPageImagesGoThroughThePhotoPipeline(t *testing.T) {
	w := newWorld(t)
	save := func(data []byte) error {
		c, err := w.srv.App.FindCollectionByNameOrId(s.Pages)
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(c)
		r.Load(map[string]any{s.FieldPageTitle: "Avec image", s.FieldAuthor: w.people[author].ID()})
		f, err := filesystem.NewFileFromBytes(data, "plan.png")
		if err != nil {
			t.Fatal(err)
		}
		r.Set(s.FieldPageImages, []*filesystem.File{f})
		return w.srv.App.Save(r)
	}
	var verr validation.Errors
	err := save([]byte("<svg onload=alert(1)>"))
	if !errors.As(err, &verr) || verr[s.FieldPageImages] == nil {
		t.Fatalf("a file that is no photo: got %v, want a field error on images", err)
	}
	// The pipeline's own refusal, not PocketBase's type check, which would refuse it too.
	if coded, ok := verr[s.FieldPageImages].(interface{ Code() string }); !ok || coded.Code() != "invalid_photo" {
		t.Fatalf("images refused with %v, want the photo pipeline's invalid_photo", verr[s.FieldPageImages])
	}
	var png bytes.Buffer
	if err := imagepng.Encode(&png, image.NewRGBA(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	if err := save(png.Bytes()); err != nil {
		t.Fatalf("control: a real PNG is refused: %v", err)
	}
}
