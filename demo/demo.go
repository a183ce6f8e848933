// Package demo loads Maillage's demo territory, Plaine Commune (Seine-Saint-Denis), into the
// database: its 8 communes as of 2025, the real France services and digital-help places inside
// them (ANCT open data) as initiatives, and fictional organisations, events and offers around
// them. The data file is derived by demo/gen and embedded in the binary.
//
//	stats, err := demo.Load(app) // idempotent: a second run adds nothing
//
// Register wires it into a server: `maillage serve --demo` loads it at start, and the route
// GET /api/maillage/credits returns the attribution of the data in the database.
package demo

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"log"
	"log/slog"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/demo/dataset"
)

//go:embed data/plaine-commune.json
var raw []byte

// Stats counts the records one Load added, per collection.
type Stats struct {
	Communes, Organisations, Initiatives, Events, Offers, Links, Pages int
}

// Total is the number of records added.
func (s Stats) Total() int {
	return s.Communes + s.Organisations + s.Initiatives + s.Events + s.Offers + s.Links + s.Pages
}

// Data returns the embedded demo dataset.
func Data() (*dataset.Dataset, error) {
	var d dataset.Dataset
	if err := json.Unmarshal(raw, &d); err != nil {
		return nil, fmt.Errorf("parse embedded demo data: %w", err)
	}
	return &d, nil
}

// Load adds the demo territory to app's database in one transaction: communes first (other
// records are placed in them), then organisations, initiatives, events and offers, all
// published and public, with no author, and confirmed links between some of them (links.go).
// Records already there (communes by code, the others by source and externalId, links by
// their ends and type) are left as they are, so loading twice adds nothing.
func Load(app core.App) (Stats, error) {
	d, err := Data()
	if err != nil {
		return Stats{}, err
	}
	var st Stats
	err = app.RunInTransaction(func(tx core.App) error {
		st = Stats{} // a retried transaction starts counting again
		l, err := newLoader(tx, d)
		if err != nil {
			return err
		}
		return l.run(&st)
	})
	if err != nil {
		return Stats{}, fmt.Errorf("load demo territory: %w", err)
	}
	return st, nil
}

// Register binds the credits route and, when load is true, loads the demo territory when the
// server starts.
func Register(app core.App, load bool) {
	bindCredits(app)
	if load {
		app.OnServe().BindFunc(func(se *core.ServeEvent) error {
			st, err := Load(se.App)
			if err != nil {
				return err
			}
			log.Printf("demo territory: added %d records (%+v)", st.Total(), st)
			se.App.Logger().Info("demo territory loaded", slog.Int("added", st.Total()),
				slog.Int("communes", st.Communes), slog.Int("organisations", st.Organisations),
				slog.Int("initiatives", st.Initiatives), slog.Int("events", st.Events),
				slog.Int("offers", st.Offers), slog.Int("links", st.Links))
			return se.Next()
		})
	}
}
