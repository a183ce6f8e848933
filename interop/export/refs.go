package export

import (
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// categoryNameFrench is the categories' French name, the one exports write.
const categoryNameFrench = "nameFr"

// Licence is the licence and credit one record or one export comes under.
type Licence struct {
	ID, URL, Attribution string
}

// commune is what exports show of a commune.
type commune struct{ name, code string }

// refs are the names an export writes instead of ids, read once per request (the tables are
// small), and the licences.
type refs struct {
	// base is the application's URL, without a trailing slash: the root of the @id of records.
	base       string
	territory  Licence
	categories map[string]string
	communes   map[string]commune
	sources    map[string]Licence
	// organisations are the public organisations' names, for events' organisers.
	organisations map[string]string
}

// loadRefs reads the categories, communes and sources, and the public organisations' names
// when withOrganisations.
func loadRefs(app core.App, cfg Config, withOrganisations bool) (*refs, error) {
	r := &refs{
		base:      strings.TrimRight(app.Settings().Meta.AppURL, "/"),
		territory: Licence{ID: cfg.Licence, URL: cfg.LicenceURL, Attribution: cfg.Attribution},
		communes:  map[string]commune{},
	}
	var err error
	if r.categories, err = pairs(app, s.Categories, categoryNameFrench); err != nil {
		return nil, err
	}
	if err := r.loadCommunes(app); err != nil {
		return nil, err
	}
	if r.sources, err = sourceLicences(app); err != nil {
		return nil, err
	}
	if withOrganisations {
		r.organisations, err = publicNames(app, s.Organisations, s.ContentFields.Name)
	}
	return r, err
}

// pairs maps each record id of collection to its field.
func pairs(app core.App, collection, field string) (map[string]string, error) {
	var rows []struct {
		ID    string `db:"id"`
		Value string `db:"value"`
	}
	err := app.DB().Select("id", field+" AS value").From(collection).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", collection, err)
	}
	out := make(map[string]string, len(rows))
	for _, row := range rows {
		out[row.ID] = row.Value
	}
	return out, nil
}

func (r *refs) loadCommunes(app core.App) error {
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
		Code string `db:"code"`
	}
	f := s.CommuneFields
	if err := app.DB().Select("id", f.Name+" AS name", f.Code+" AS code").From(s.Communes).All(&rows); err != nil {
		return fmt.Errorf("read communes: %w", err)
	}
	for _, row := range rows {
		r.communes[row.ID] = commune{name: row.Name, code: row.Code}
	}
	return nil
}

// sourceLicences are the licences of the import sources (interop/sources) that name one, by
// source name: the name is what imported records hold in their source field.
func sourceLicences(app core.App) (map[string]Licence, error) {
	out := map[string]Licence{}
	var rows []struct {
		Name, Licence, Attribution string
	}
	err := app.DB().Select(s.FieldSourceName+" AS name", s.FieldSourceLicence+" AS licence", s.FieldSourceAttribution+" AS attribution").
		From(s.Sources).Where(dbx.NewExp("[[" + s.FieldSourceLicence + "]] != ''")).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	for _, row := range rows {
		out[row.Name] = Licence{ID: row.Licence, URL: LicenceURL(row.Licence), Attribution: row.Attribution}
	}
	return out, nil
}

// publicNames maps the id of every record of collection an anonymous reader may list to field.
func publicNames(app core.App, collection, field string) (map[string]string, error) {
	c, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, fmt.Errorf("collection %s: %w", collection, err)
	}
	out := map[string]string{}
	err = scan(app, c, filter{}, func(rec *core.Record) error {
		out[rec.Id] = rec.GetString(field)
		return nil
	})
	return out, err
}

// licenceOf is the licence rec comes under: its source's when it was imported from a source
// that names one, else the territory's.
func (r *refs) licenceOf(rec *core.Record) Licence {
	src := rec.GetString(s.FieldSource)
	if l, ok := r.sources[src]; ok {
		if l.Attribution == "" {
			l.Attribution = src
		}
		return l
	}
	return r.territory
}

// categoryNames are the French names of rec's categories.
func (r *refs) categoryNames(rec *core.Record) []string {
	ids := rec.GetStringSlice(s.ContentFields.Categories)
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if name, ok := r.categories[id]; ok {
			out = append(out, name)
		}
	}
	return out
}
