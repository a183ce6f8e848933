package indicators

// The record hooks that keep the counters up to date inside each write's transaction: they
// read the record as stored before the write, let the write happen, then move the figures by
// the difference. (A write that bypasses the models, raw SQL, is caught only by a Recount.)

import (
	"github.com/pocketbase/pocketbase/core"
)

// bindHooks binds the create, update and delete hooks of the watched collections.
func bindHooks(app core.App) {
	app.OnRecordCreateExecute(watched...).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return apply(e.App, newContribution(), contributionOf(e.App, e.Record))
	})
	app.OnRecordUpdateExecute(watched...).BindFunc(func(e *core.RecordEvent) error {
		prev := contributionOf(e.App, stored(e))
		if err := e.Next(); err != nil {
			return err
		}
		return apply(e.App, prev, contributionOf(e.App, e.Record))
	})
	app.OnRecordDeleteExecute(watched...).BindFunc(func(e *core.RecordEvent) error {
		prev := contributionOf(e.App, stored(e))
		if err := e.Next(); err != nil {
			return err
		}
		return apply(e.App, prev, newContribution())
	})
}

// stored reads e's record as the database holds it before the write; nil when it does not.
func stored(e *core.RecordEvent) *core.Record {
	r, err := e.App.FindRecordById(e.Record.Collection(), e.Record.Id)
	if err != nil {
		return nil
	}
	return r
}
