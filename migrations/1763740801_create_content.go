package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// Organisations, initiatives, events and offers: the content that follows the visibility model.
func init() {
	m.Register(createContent, dropCollections(s.Offers, s.Events, s.Initiatives, s.Organisations))
}

// refs holds the ids of the collections content points at.
type refs struct{ categories, communes, communities string }

func createContent(app core.App) error {
	r, err := findRefs(app)
	if err != nil {
		return err
	}
	for _, build := range []func(core.App, refs) (*core.Collection, error){
		buildOrganisations, buildInitiatives, buildEvents, buildOffers,
	} {
		c, err := build(app, r)
		if err != nil {
			return err
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return addSelfRelation(app, s.Organisations, "partners", 100)
}

func findRefs(app core.App) (refs, error) {
	var r refs
	for name, dst := range map[string]*string{s.Categories: &r.categories, s.Communes: &r.communes, s.Communities: &r.communities} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return r, err
		}
		*dst = c.Id
	}
	return r, nil
}

// newContent builds a collection with the fields and rules every user-facing collection shares.
func newContent(name string, r refs) *core.Collection {
	c := core.NewBaseCollection(name)
	c.ListRule = rule(contentRead)
	c.ViewRule = rule(contentRead)
	c.CreateRule = rule(contentCreate)
	c.UpdateRule = rule(contentUpdate)
	c.DeleteRule = rule(contentDelete)
	c.Fields.Add(
		&core.SelectField{Name: s.FieldVisibility, Values: []string{s.VisibilityPublic, s.VisibilityCommunity, s.VisibilityPrivate}, MaxSelect: 1},
		&core.RelationField{Name: s.FieldCommunity, CollectionId: r.communities, MaxSelect: 1},
		&core.SelectField{Name: s.FieldStatus, Values: []string{s.StatusPending, s.StatusPublished, s.StatusRejected, s.StatusArchived}, MaxSelect: 1},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1},
		&core.BoolField{Name: s.FieldDeleted},
		&core.TextField{Name: s.FieldSource, Max: 200},
		&core.TextField{Name: s.FieldExternalID, Max: 200},
		&core.GeoPointField{Name: s.FieldGeo},
		&core.RelationField{Name: s.FieldCommune, CollectionId: r.communes, MaxSelect: 1},
		&core.RelationField{Name: "categories", CollectionId: r.categories, MaxSelect: 10},
		&core.TextField{Name: "description", Max: 20000},
	)
	c.AddIndex("idx_"+name+"_author", false, s.FieldAuthor, "")
	c.AddIndex("idx_"+name+"_status", false, s.FieldStatus+", "+s.FieldVisibility, "")
	c.AddIndex("idx_"+name+"_external", true, s.FieldSource+", "+s.FieldExternalID, s.FieldExternalID+" != ''")
	return c
}

func photos(name string) *core.FileField {
	return &core.FileField{
		Name: name, MaxSelect: 8, MaxSize: 15 << 20,
		MimeTypes: []string{"image/jpeg", "image/png", "image/webp"},
		Thumbs:    []string{"100x100", "480x0", "1200x0"},
	}
}

func buildOrganisations(app core.App, r refs) (*core.Collection, error) {
	c := newContent(s.Organisations, r)
	c.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: "address", Max: 300},
		&core.TextField{Name: "contact", Max: 500},
		&core.URLField{Name: "website"},
		&core.FileField{Name: "logo", MaxSelect: 1, MaxSize: 5 << 20, MimeTypes: []string{"image/jpeg", "image/png", "image/webp"}, Thumbs: []string{"100x100"}},
		&core.RelationField{Name: "members", CollectionId: "_pb_users_auth_", MaxSelect: 200},
	)
	c.Fields.Add(timestamps()...)
	return c, nil
}

func buildInitiatives(app core.App, r refs) (*core.Collection, error) {
	orgs, err := app.FindCollectionByNameOrId(s.Organisations)
	if err != nil {
		return nil, err
	}
	c := newContent(s.Initiatives, r)
	c.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: "address", Max: 300},
		photos("photos"),
		&core.URLField{Name: "website"},
		&core.TextField{Name: "contact", Max: 500},
		&core.TextField{Name: "openingHours", Max: 500},
		&core.RelationField{Name: "organisation", CollectionId: orgs.Id, MaxSelect: 1},
	)
	c.Fields.Add(timestamps()...)
	return c, nil
}

func buildEvents(app core.App, r refs) (*core.Collection, error) {
	orgs, err := app.FindCollectionByNameOrId(s.Organisations)
	if err != nil {
		return nil, err
	}
	initiatives, err := app.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		return nil, err
	}
	c := newContent(s.Events, r)
	c.Fields.Add(
		&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
		&core.DateField{Name: "start", Required: true},
		&core.DateField{Name: "end"},
		&core.BoolField{Name: "allDay"},
		&core.TextField{Name: "timezone", Max: 64},
		&core.TextField{Name: "rrule", Max: 500},
		&core.JSONField{Name: "exdates", MaxSize: 16 << 10},
		&core.TextField{Name: "place", Max: 300},
		&core.RelationField{Name: "initiative", CollectionId: initiatives.Id, MaxSelect: 1},
		&core.RelationField{Name: "organiser", CollectionId: orgs.Id, MaxSelect: 1},
		&core.TextField{Name: "price", Max: 100},
		&core.URLField{Name: "registrationUrl"},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_events_start", false, "start", "")
	return c, nil
}

func buildOffers(app core.App, r refs) (*core.Collection, error) {
	c := newContent(s.Offers, r)
	c.Fields.Add(
		&core.TextField{Name: "title", Required: true, Max: 200, Presentable: true},
		&core.SelectField{Name: "kind", Required: true, Values: []string{"offer", "need"}, MaxSelect: 1},
		&core.SelectField{Name: "mode", Required: true, MaxSelect: 1,
			Values: []string{"sale", "rental", "barter", "localCurrency", "gift", "loan", "service"}},
		&core.NumberField{Name: "price", Min: zero()},
		&core.NumberField{Name: "currencyAmount", Min: zero()},
		photos("photos"),
		&core.SelectField{Name: "state", Values: []string{"open", "reserved", "done"}, MaxSelect: 1},
		&core.DateField{Name: "expires"},
	)
	c.Fields.Add(timestamps()...)
	return c, nil
}

func zero() *float64 { v := 0.0; return &v }
