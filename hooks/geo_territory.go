package hooks

import (
	"sync"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/geo"
	s "github.com/maillage/maillage/schema"
)

// territoryCache holds the territory built from the communes collection, loaded on first use
// and dropped whenever a commune changes, so a save never re-reads every polygon.
type territoryCache struct {
	mu        sync.Mutex
	territory *geo.Territory
}

// newTerritoryCache returns a cache that app's commune writes (committed or failed) reset.
func newTerritoryCache(app core.App) *territoryCache {
	c := &territoryCache{}
	reset := func(e *core.RecordEvent) error { c.reset(); return e.Next() }
	resetOnError := func(e *core.RecordErrorEvent) error { c.reset(); return e.Next() }
	app.OnRecordAfterCreateSuccess(s.Communes).BindFunc(reset)
	app.OnRecordAfterUpdateSuccess(s.Communes).BindFunc(reset)
	app.OnRecordAfterDeleteSuccess(s.Communes).BindFunc(reset)
	app.OnRecordAfterCreateError(s.Communes).BindFunc(resetOnError)
	app.OnRecordAfterUpdateError(s.Communes).BindFunc(resetOnError)
	app.OnRecordAfterDeleteError(s.Communes).BindFunc(resetOnError)
	return c
}

func (c *territoryCache) reset() {
	c.mu.Lock()
	c.territory = nil
	c.mu.Unlock()
}

// get returns the territory, loading it with app when needed. A territory that fails to load
// is logged and treated as empty (no assignment, no refusal) rather than blocking every save.
func (c *territoryCache) get(app core.App) *geo.Territory {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.territory != nil {
		return c.territory
	}
	t, err := loadTerritory(app)
	if err != nil {
		app.Logger().Error("load territory", "error", err)
		return nil
	}
	c.territory = t
	return t
}

// loadTerritory builds the territory from every commune; communes without a usable boundary
// are left out with a warning.
func loadTerritory(app core.App) (*geo.Territory, error) {
	records, err := app.FindAllRecords(s.Communes)
	if err != nil {
		return nil, err
	}
	in := make([]geo.CommuneInput, 0, len(records))
	for _, r := range records {
		raw, _ := r.Get(s.CommuneFields.Boundary).(types.JSONRaw)
		in = append(in, geo.CommuneInput{
			ID: r.Id, Code: r.GetString(s.CommuneFields.Code), Name: r.GetString(s.CommuneFields.Name), Boundary: []byte(raw),
		})
	}
	t, skipped := geo.NewTerritory(in)
	for _, err := range skipped {
		app.Logger().Warn("commune left out of the territory", "error", err)
	}
	return t, nil
}
