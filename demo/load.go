package demo

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/demo/dataset"
	s "github.com/maillage/maillage/schema"
)

// loader writes one dataset through one (transactional) app.
type loader struct {
	app        core.App
	d          *dataset.Dataset
	categories map[string]string      // slug → id
	communes   map[string]string      // code → id
	ids        map[dataset.Ref]string // demo record → id, to resolve relations
}

func newLoader(app core.App, d *dataset.Dataset) (*loader, error) {
	cats, err := app.FindAllRecords(s.Categories)
	if err != nil {
		return nil, fmt.Errorf("categories: %w", err)
	}
	l := &loader{app: app, d: d, categories: map[string]string{}, communes: map[string]string{}, ids: map[dataset.Ref]string{}}
	for _, c := range cats {
		l.categories[c.GetString(s.CategoryFields.Slug)] = c.Id
	}
	return l, nil
}

func (l *loader) run(st *Stats) error {
	steps := []struct {
		name  string
		count *int
		load  func() (int, error)
	}{
		{s.Communes, &st.Communes, l.loadCommunes},
		{s.Organisations, &st.Organisations, l.loadOrganisations},
		{s.Initiatives, &st.Initiatives, l.loadInitiatives},
		{s.Events, &st.Events, l.loadEvents},
		{s.Offers, &st.Offers, l.loadOffers},
		{s.Links, &st.Links, l.loadLinks},
		{s.Pages, &st.Pages, l.loadPages},
	}
	for _, step := range steps {
		n, err := step.load()
		if err != nil {
			return fmt.Errorf("%s: %w", step.name, err)
		}
		*step.count = n
	}
	return nil
}

func (l *loader) loadCommunes() (int, error) {
	col, err := l.app.FindCollectionByNameOrId(s.Communes)
	if err != nil {
		return 0, err
	}
	f, added := s.CommuneFields, 0
	for _, c := range l.d.Communes {
		existing, err := l.app.FindFirstRecordByData(s.Communes, f.Code, c.Code)
		if err == nil {
			l.communes[c.Code] = existing.Id
			continue
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return added, fmt.Errorf("find commune %s: %w", c.Code, err)
		}
		r := core.NewRecord(col)
		r.Set(f.Code, c.Code)
		r.Set(f.Name, c.Name)
		r.Set(f.Territory, l.d.Territory)
		r.Set(f.Boundary, c.Boundary)
		r.Set(f.Center, geoPoint(c.Center))
		if err := l.app.Save(r); err != nil {
			return added, fmt.Errorf("save commune %s: %w", c.Code, err)
		}
		l.communes[c.Code], added = r.Id, added+1
	}
	return added, nil
}

// save adds a content record unless one with the same source and externalId exists; fields
// are its own fields besides the common ones.
func (l *loader) save(collection string, c dataset.Common, fields map[string]any) (bool, error) {
	existing, err := l.app.FindFirstRecordByFilter(collection,
		s.FieldSource+" = {:source} && "+s.FieldExternalID+" = {:id}",
		map[string]any{"source": c.Source, "id": c.ExternalID})
	if err == nil {
		l.ids[c.Ref] = existing.Id
		return false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("find %s %s: %w", c.Source, c.ExternalID, err)
	}
	r, err := l.newContent(collection, c)
	if err != nil {
		return false, err
	}
	for k, v := range fields {
		r.Set(k, v)
	}
	if err := l.app.Save(r); err != nil {
		return false, fmt.Errorf("save %s %s: %w", c.Source, c.ExternalID, err)
	}
	l.ids[c.Ref] = r.Id
	return true, nil
}

func (l *loader) newContent(collection string, c dataset.Common) (*core.Record, error) {
	col, err := l.app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	commune, ok := l.communes[c.Commune]
	if !ok {
		return nil, fmt.Errorf("%s %s: unknown commune %q", c.Source, c.ExternalID, c.Commune)
	}
	cats, err := l.categoryIDs(c.Categories)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", c.Source, c.ExternalID, err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{
		s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic,
		s.FieldSource: c.Source, s.FieldExternalID: c.ExternalID,
		s.FieldGeo: geoPoint(c.Geo), s.FieldCommune: commune,
		s.ContentFields.Description: c.Description, s.ContentFields.Categories: cats,
	})
	return r, nil
}

func (l *loader) categoryIDs(slugs []string) ([]string, error) {
	ids := make([]string, 0, len(slugs))
	for _, slug := range slugs {
		id, ok := l.categories[slug]
		if !ok {
			return nil, fmt.Errorf("unknown category %q: add it to the taxonomy or fix the demo data", slug)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// ref resolves a demo record the dataset points at ("" for none).
func (l *loader) ref(r *dataset.Ref) (string, error) {
	if r == nil {
		return "", nil
	}
	id, ok := l.ids[*r]
	if !ok {
		return "", fmt.Errorf("unknown reference %s %s", r.Source, r.ExternalID)
	}
	return id, nil
}

func geoPoint(p dataset.Point) types.GeoPoint { return types.GeoPoint{Lon: p.Lon, Lat: p.Lat} }

func parseTime(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return t, fmt.Errorf("date %q: %w", v, err)
	}
	return t, nil
}
