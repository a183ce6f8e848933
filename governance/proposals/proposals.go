// Package proposals runs proposals and votes: a proposal goes draft → consultation → vote →
// closed (the author opens the consultation, a cron job moves it on at its deadlines), takes
// amendments during consultation, and is voted on by approval or majority judgement, openly or
// by secret ballot, through the routes of this package (ballots have no API rules). The
// counting itself is the pure package tally.
package proposals

import (
	"github.com/pocketbase/pocketbase/core"
)

// Register binds the model rules of proposals and amendments, the ballot and results routes
// and the phase job.
func Register(app core.App) {
	bindModel(app)
	bindPhases(app)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		bindRoutes(se)
		return se.Next()
	})
}
