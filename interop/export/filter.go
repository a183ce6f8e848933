package export

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

	s "github.com/maillage/maillage/schema"
)

// Query parameters that narrow an export.
const (
	ParamCategory     = "category"
	ParamCommune      = "commune"
	ParamOrganisation = "organisation"
)

// organisationField is the relation an organisation filter matches, per collection.
var organisationField = map[string]string{
	s.Initiatives: s.InitiativeFields.Organisation,
	s.Events:      s.EventFields.Organiser,
}

// filter narrows an export to records of a category, a commune and an organisation (ids,
// resolved from the request; empty matches all).
type filter struct{ category, commune, organisation string }

// exportedCollection is the content collection called name, or a 404 listing them.
func exportedCollection(e *core.RequestEvent, name string) (*core.Collection, error) {
	if !s.IsContent(name) {
		return nil, notFound(e, "collection", "export_unknown_collection", map[string]any{"collection": name})
	}
	c, err := e.App.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return nil, notFound(e, "collection", "export_unknown_collection", map[string]any{"collection": name})
	}
	return c, nil
}

// parseFilter reads ?category= (id or slug), ?commune= (id or INSEE code) and ?organisation=
// (the id of a public organisation), refusing a value that names nothing, so that a typo in a
// subscribed calendar's URL says so instead of showing an empty calendar.
func parseFilter(e *core.RequestEvent, c *core.Collection) (filter, error) {
	q := e.Request.URL.Query()
	var f filter
	var err error
	if v := q.Get(ParamCategory); v != "" {
		if f.category, err = lookupID(e.App, s.Categories, v, s.CategoryFields.Slug); err != nil {
			return f, badRequest(e, ParamCategory, "export_unknown_category", map[string]any{"value": v})
		}
	}
	if v := q.Get(ParamCommune); v != "" {
		if f.commune, err = lookupID(e.App, s.Communes, v, s.CommuneFields.Code); err != nil {
			return f, badRequest(e, ParamCommune, "export_unknown_commune", map[string]any{"value": v})
		}
	}
	if v := q.Get(ParamOrganisation); v != "" {
		if _, ok := organisationField[c.Name]; !ok {
			return f, badRequest(e, ParamOrganisation, "export_filter_not_supported",
				map[string]any{"filter": ParamOrganisation, "collection": c.Name})
		}
		if f.organisation, err = publicOrganisation(e.App, v); err != nil {
			return f, badRequest(e, ParamOrganisation, "export_unknown_organisation", map[string]any{"value": v})
		}
	}
	return f, nil
}

// lookupID is the id of the record of collection whose id or alt field equals v.
func lookupID(app core.App, collection, v, alt string) (string, error) {
	var row struct {
		ID string `db:"id"`
	}
	err := app.DB().Select("id").From(collection).
		Where(dbx.Or(dbx.HashExp{"id": v}, dbx.HashExp{alt: v})).Limit(1).One(&row)
	return row.ID, err
}

// publicOrganisation is id when an anonymous reader may list that organisation.
func publicOrganisation(app core.App, id string) (string, error) {
	c, err := app.FindCachedCollectionByNameOrId(s.Organisations)
	if err != nil {
		return "", err
	}
	recs, err := readPage(app, c, filter{}, "", dbx.HashExp{c.Name + ".id": id})
	if err != nil || len(recs) == 0 {
		return "", errNotPublic
	}
	return id, nil
}

// exprs are f's conditions on c, written in PocketBase's filter syntax.
func (f filter) exprs(c *core.Collection) ([]search.FilterData, dbx.Params) {
	var out []search.FilterData
	if f.category != "" {
		out = append(out, search.FilterData(s.ContentFields.Categories+".id ?= {:fcategory}"))
	}
	if f.commune != "" {
		out = append(out, search.FilterData(s.FieldCommune+" = {:fcommune}"))
	}
	if field := organisationField[c.Name]; f.organisation != "" && field != "" {
		out = append(out, search.FilterData(field+" = {:forganisation}"))
	}
	return out, dbx.Params{"fcategory": f.category, "fcommune": f.commune, "forganisation": f.organisation}
}
