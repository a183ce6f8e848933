package demo_test

import (
	"testing"

	"github.com/maillage/maillage/demo"
	s "github.com/maillage/maillage/schema"
)

// TestDemoPages: the demo's wiki pages are loaded once, published and public, with slugs made
// from their titles and the organisations they are about; a second load adds none.
func TestDemoPages(t *testing.T) {
	app, first := loaded(t)
	if first.Pages != 2 {
		t.Fatalf("first load added %d pages, want 2", first.Pages)
	}
	page, err := app.FindFirstRecordByData(s.Pages, s.FieldPageSlug, "reparer-une-crevaison-en-dix-minutes-demo")
	if err != nil {
		t.Fatalf("the bike page by its slug: %v", err)
	}
	if page.GetString(s.FieldStatus) != s.StatusPublished || len(page.GetStringSlice(s.FieldPageOrganisations)) != 2 {
		t.Fatalf("page %v: want published, about two organisations", page.FieldsData())
	}
	second, err := demo.Load(app)
	if err != nil || second.Pages != 0 {
		t.Fatalf("second load added %d pages (%v), want none", second.Pages, err)
	}
}
