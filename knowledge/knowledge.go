// Package knowledge holds the model rules of the knowledge wiki's pages: guides and how-tos
// written by members in Markdown, linked to categories, initiatives and organisations. On
// every write path (REST, batch, dashboard, sync) a page gets a unique slug made from its
// title when it has none, its body is sanitised (Sanitise: no raw HTML, no unsafe link
// survives), and the initiatives and organisations it starts linking to must be readable by
// its author. Pages are moderated like content (hooks.BindModeration); their read and write
// rules are the content's (migrations/1765200100_create_pages.go), their images go through
// the photo pipeline like every image field, and the sync merges concurrent edits of the body
// as text (a long text field).
//
//	knowledge.Register(app)
package knowledge

import (
	"errors"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/hooks"
	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Error codes of the i18n catalogue (i18n/messages_knowledge.go).
const (
	codeSlugInvalid    = "page_slug_invalid"
	codeSlugTaken      = "page_slug_taken"
	codeBodyTangled    = "page_body_tangled"
	codeLinkUnreadable = "page_link_unreadable"
)

// Register binds the rules of pages to app.
func Register(app core.App) {
	hooks.BindModeration(app, s.Pages)
	app.OnRecordValidate(s.Pages).BindFunc(func(e *core.RecordEvent) error {
		if err := normalise(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// normalise applies the model rules to page before it is validated and saved.
func normalise(app core.App, page *core.Record) error {
	page.Set(s.FieldPageTitle, strings.TrimSpace(page.GetString(s.FieldPageTitle)))
	page.Set(s.FieldPageSummary, strings.TrimSpace(page.GetString(s.FieldPageSummary)))
	errs := validation.Errors{}
	if err := fillSlug(app, page); err != nil {
		errs[s.FieldPageSlug] = err
	}
	if err := sanitiseBody(page); err != nil {
		errs[s.FieldPageBody] = err
	}
	if err := checkLinks(app, page, errs); err != nil {
		return err
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// sanitiseBody replaces the page's body by its sanitised Markdown.
func sanitiseBody(page *core.Record) error {
	clean, err := Sanitise(page.GetString(s.FieldPageBody))
	if errors.Is(err, ErrTooTangled) {
		return i18n.NewError(codeBodyTangled, nil)
	}
	page.Set(s.FieldPageBody, clean)
	return nil
}

// fillSlug gives a page without a slug a free one made from its title, and checks a slug set
// or changed by hand. A field error is returned as such; a database error too (it fails the
// save, as the caller returns every error).
func fillSlug(app core.App, page *core.Record) error {
	slug := strings.TrimSpace(page.GetString(s.FieldPageSlug))
	if slug == "" {
		free, err := freeSlug(app, Slugify(page.GetString(s.FieldPageTitle)), page.Id)
		page.Set(s.FieldPageSlug, free)
		return err
	}
	if !page.IsNew() && slug == page.Original().GetString(s.FieldPageSlug) {
		return nil
	}
	if !ValidSlug(slug) {
		return i18n.NewError(codeSlugInvalid, map[string]any{"max": s.PageSlugMax})
	}
	taken, err := slugTaken(app, slug, page.Id)
	if err == nil && taken {
		return i18n.NewError(codeSlugTaken, map[string]any{"slug": slug})
	}
	return err
}
