package schema

// Pages: the knowledge wiki (knowledge/). A page follows the visibility model with the common
// fields (FieldVisibility, FieldCommunity, FieldStatus, FieldAuthor, FieldDeleted, FieldSource,
// FieldExternalID) and adds its own below.
const (
	Pages = "pages"

	// FieldPageTitle is the page's title.
	FieldPageTitle = "title"
	// FieldPageSlug is the page's unique address in the PWA (#/wiki/<slug>), made from the
	// title when left empty.
	FieldPageSlug = "slug"
	// FieldPageBody is the page's Markdown, sanitised on every save (no raw HTML survives).
	FieldPageBody = "body"
	// FieldPageSummary is a short plain-text summary shown in lists.
	FieldPageSummary = "summary"
	// FieldPageImages are the page's photos, processed by the photo pipeline.
	FieldPageImages = "images"
	// FieldPageCategories, FieldPageInitiatives and FieldPageOrganisations are the records
	// the page is about.
	FieldPageCategories    = "categories"
	FieldPageInitiatives   = "initiatives"
	FieldPageOrganisations = "organisations"
)

// Bounds of a page's fields.
const (
	PageTitleMax   = 200
	PageSlugMax    = 100
	PageSummaryMax = 500
	PageBodyMax    = 100000
)
