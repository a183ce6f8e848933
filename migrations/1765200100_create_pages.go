package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// pages: the knowledge wiki (knowledge/). Guides and how-tos follow the visibility model with
// the content rules; like the content of s.Content, a published public page is also edited by
// facilitators (a wiki is written together), and its author, status and provenance are
// protected as everywhere. The slug is unique; knowledge/ fills it and sanitises the body.
func init() {
	m.Register(createPages, dropCollections(s.Pages))
}

func createPages(app core.App) error {
	r, err := findRefs(app)
	if err != nil {
		return err
	}
	ids := map[string]string{}
	for _, name := range []string{s.Initiatives, s.Organisations} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		ids[name] = c.Id
	}
	return app.Save(buildPages(r, ids[s.Initiatives], ids[s.Organisations]))
}

func buildPages(r refs, initiatives, organisations string) *core.Collection {
	c := core.NewBaseCollection(s.Pages)
	c.ListRule, c.ViewRule = rule(contentRead), rule(contentRead)
	c.CreateRule, c.UpdateRule, c.DeleteRule = rule(contentCreate), rule(contentUpdateShared), rule(contentDelete)
	c.Fields.Add(visibilityFields(r)...)
	c.Fields.Add(
		&core.TextField{Name: s.FieldSource, Max: 200},
		&core.TextField{Name: s.FieldExternalID, Max: 200},
		&core.TextField{Name: s.FieldPageTitle, Required: true, Max: s.PageTitleMax, Presentable: true},
		&core.TextField{Name: s.FieldPageSlug, Max: s.PageSlugMax},
		&core.TextField{Name: s.FieldPageSummary, Max: s.PageSummaryMax},
		&core.TextField{Name: s.FieldPageBody, Max: s.PageBodyMax},
		photos(s.FieldPageImages),
		&core.RelationField{Name: s.FieldPageCategories, CollectionId: r.categories, MaxSelect: 10},
		&core.RelationField{Name: s.FieldPageInitiatives, CollectionId: initiatives, MaxSelect: 50},
		&core.RelationField{Name: s.FieldPageOrganisations, CollectionId: organisations, MaxSelect: 50},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_pages_slug", true, s.FieldPageSlug, s.FieldPageSlug+" != ''")
	c.AddIndex("idx_pages_author", false, s.FieldAuthor, "")
	c.AddIndex("idx_pages_status", false, s.FieldStatus+", "+s.FieldVisibility, "")
	c.AddIndex("idx_pages_external", true, s.FieldSource+", "+s.FieldExternalID, s.FieldExternalID+" != ''")
	return c
}
