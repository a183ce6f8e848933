// Package indicators keeps the territory's permanent evaluation: figures per commune and per
// month (new initiatives and organisations, events held, exchanges completed, active
// contributors, suggestions accepted, proposals opened and ballots cast, records imported vs
// contributed), counted from public, published, not deleted records only.
//
// The figures live in a table of counters updated by record hooks inside each write's
// transaction (the old contribution of the record is subtracted, the new one added), so that
// reading them never rescans the database. Recount rebuilds the table from scratch: at start
// when its version changed, and in the tests that compare both.
//
//	indicators.Register(app)
//	GET /api/maillage/indicators?commune=…&from=2026-01&to=2026-12[&format=csv]
package indicators

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Version names the way figures are counted: a change of it makes the next start recount.
const Version = "3" // 3: confirmed bookings are exchanges; 2: months in Europe/Paris (1: UTC)

// Names of the indicators, in the order the answers list them.
const (
	Initiatives         = "initiatives"
	Organisations       = "organisations"
	Events              = "events"
	Exchanges           = "exchanges"
	Contributors        = "contributors"
	SuggestionsAccepted = "suggestionsAccepted"
	Proposals           = "proposals"
	Ballots             = "ballots"
	Imported            = "imported"
	Contributed         = "contributed"
)

// Names lists every counted indicator in answer order.
var Names = []string{
	Initiatives, Organisations, Events, Exchanges, Contributors,
	SuggestionsAccepted, Proposals, Ballots, Imported, Contributed,
}

// ImportedShare is the derived indicator: imported / (imported + contributed), 0 when none.
const ImportedShare = "importedShare"

// Territory is the commune key of the whole territory's figures: every record counts there,
// and also in its own commune's when it has one.
const Territory = ""

// watched lists the collections whose writes move a figure.
var watched = []string{
	s.Organisations, s.Initiatives, s.Events, s.Offers,
	s.Comments, s.Suggestions, s.Proposals, s.VoteRoll, s.Bookings,
}

// Register creates the counters' tables, binds the record hooks that keep them up to date,
// recounts at start when needed and serves the indicators' routes.
func Register(app core.App) {
	if app.IsBootstrapped() {
		_ = ensureTables(app)
	}
	app.OnBootstrap().BindFunc(func(e *core.BootstrapEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return ensureTables(e.App)
	})
	bindHooks(app)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := recountIfStale(se.App); err != nil {
			return err
		}
		bindRoutes(se)
		return se.Next()
	})
}
