package sources

import (
	"context"
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// JobID is the cron job id of a source (listed with PocketBase's own jobs in the dashboard).
func JobID(sourceID string) string { return "maillageSource_" + sourceID }

// bindSchedule keeps one cron job per enabled source with a schedule: after every create,
// update and delete of a source, and for every source when the server starts. Jobs tick in
// UTC, only while `serve` runs.
func bindSchedule(app core.App, r *Runner) {
	reschedule := func(e *core.RecordEvent) error {
		if err := r.schedule(e.Record); err != nil {
			e.App.Logger().Error("schedule source", "source", e.Record.Id, "error", err)
		}
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(s.Sources).BindFunc(reschedule)
	app.OnRecordAfterUpdateSuccess(s.Sources).BindFunc(reschedule)
	app.OnRecordAfterDeleteSuccess(s.Sources).BindFunc(func(e *core.RecordEvent) error {
		e.App.Cron().Remove(JobID(e.Record.Id))
		return e.Next()
	})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := r.ScheduleAll(); err != nil {
			return err
		}
		return se.Next()
	})
}

// ScheduleAll registers the cron job of every source. A source whose schedule cannot be
// registered (saved before its validation, by raw SQL) is logged and left out, so that it
// does not keep the server from starting.
func (r *Runner) ScheduleAll() error {
	all, err := r.app.FindAllRecords(s.Sources)
	if err != nil {
		return fmt.Errorf("schedule sources: %w", err)
	}
	for _, src := range all {
		if err := r.schedule(src); err != nil {
			r.app.Logger().Error("schedule source", "source", src.Id, "error", err)
		}
	}
	return nil
}

// schedule adds, replaces or removes the cron job of src.
func (r *Runner) schedule(src *core.Record) error {
	id, expr := JobID(src.Id), src.GetString(s.FieldSourceSchedule)
	if !src.GetBool(s.FieldSourceEnabled) || expr == "" {
		r.app.Cron().Remove(id)
		return nil
	}
	sourceID := src.Id
	if err := r.app.Cron().Add(id, expr, func() { r.runScheduled(sourceID) }); err != nil {
		return fmt.Errorf("schedule source %s: %w", sourceID, err)
	}
	return nil
}

// runScheduled is a cron tick: it runs the source as it is now, unless it was disabled or is
// still running from the previous tick. A job has no caller, so what goes wrong is logged.
func (r *Runner) runScheduled(sourceID string) {
	src, err := r.app.FindRecordById(s.Sources, sourceID)
	if err != nil || !src.GetBool(s.FieldSourceEnabled) {
		return
	}
	_, err = r.Run(context.Background(), src.Id)
	if err != nil && !errors.Is(err, ErrRunning) {
		r.app.Logger().Error("run source", "source", sourceID, "error", err)
	}
}
