package indicators

// The record hooks that keep the counters up to date inside each write's transaction: they
// read the record as stored before the write, let the write happen, then move the figures by
// the difference — all in one transaction (the write's own, or one opened around it: PocketBase
// runs a lone create or update outside any), so the figures commit or roll back with the write.
// (A write that bypasses the models, raw SQL, is caught only by a Recount.)

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// UpdateHook is the id of the update hook (a test unbinds it to show the comparison with a
// recount catches a missed update).
const UpdateHook = "maillageIndicatorsUpdate"

// CreateHook is the id of the create hook. Its transaction takes the write connection before
// PocketBase stamps the record's updated, which orders those saves by commit; the sync's test
// of late commits unbinds it to build one.
const CreateHook = "maillageIndicatorsCreate"

// bindHooks binds the create, update and delete hooks of the watched collections.
func bindHooks(app core.App) {
	app.OnRecordCreateExecute(watched...).Bind(&hook.Handler[*core.RecordEvent]{Id: CreateHook, Func: func(e *core.RecordEvent) error {
		return inTransaction(e, func() error { return write(e, newContribution()) })
	}})
	app.OnRecordUpdateExecute(watched...).Bind(&hook.Handler[*core.RecordEvent]{Id: UpdateHook, Func: func(e *core.RecordEvent) error {
		return inTransaction(e, func() error { return write(e, contributionOf(e.App, stored(e))) })
	}})
	app.OnRecordDeleteExecute(watched...).BindFunc(func(e *core.RecordEvent) error {
		return inTransaction(e, func() error {
			prev := contributionOf(e.App, stored(e))
			if err := e.Next(); err != nil {
				return err
			}
			return apply(e.App, prev, newContribution())
		})
	})
}

// write lets a create or update happen, then moves the figures from prev to the record's new
// contribution.
func write(e *core.RecordEvent, prev Contribution) error {
	if err := e.Next(); err != nil {
		return err
	}
	return apply(e.App, prev, contributionOf(e.App, e.Record))
}

// inTransaction runs fn with e.App in a transaction: the one e already runs in, or a new one.
func inTransaction(e *core.RecordEvent, fn func() error) error {
	if e.App.IsTransactional() {
		return fn()
	}
	outside := e.App
	defer func() { e.App = outside }()
	return outside.RunInTransaction(func(tx core.App) error {
		e.App = tx
		return fn()
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
