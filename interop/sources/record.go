package sources

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/interop/importer"
	s "github.com/maillage/maillage/schema"
)

// MaxRunErrors is how many refused items a run row lists; the rest are counted in a last entry.
const MaxRunErrors = 1000

// record writes the importRuns row of a run and the source's state (last run, and the
// validators of a successful import) in one transaction, then prunes old rows.
func (r *Runner) record(src *core.Record, started time.Time, out outcome) (*core.Record, error) {
	var run *core.Record
	err := r.app.RunInTransaction(func(tx core.App) error {
		var err error
		if run, err = saveRun(tx, src.Id, started, out); err != nil {
			return err
		}
		return saveState(tx, src.Id, started, out)
	})
	if err != nil {
		return nil, fmt.Errorf("record run of source %s: %w", src.Id, err)
	}
	if err := prune(r.app, src.Id); err != nil {
		return run, fmt.Errorf("prune runs of source %s: %w", src.Id, err)
	}
	return run, nil
}

// saveRun writes one importRuns row.
func saveRun(tx core.App, sourceID string, started time.Time, out outcome) (*core.Record, error) {
	runs, err := tx.FindCollectionByNameOrId(s.ImportRuns)
	if err != nil {
		return nil, err
	}
	run := core.NewRecord(runs)
	run.Set(s.FieldRunSource, sourceID)
	run.Set(s.FieldRunStarted, started.UTC())
	run.Set(s.FieldRunDurationMs, time.Since(started).Milliseconds())
	run.Set(s.FieldRunStatus, out.status)
	setCounts(run, out.summary)
	if out.failure != nil {
		run.Set(s.FieldRunCode, out.failure.Code)
		run.Set(s.FieldRunMessage, i18n.T(i18n.FR, out.failure.Code, out.failure.Params))
	}
	return run, tx.Save(run)
}

// setCounts copies a summary into a run row, listing at most MaxRunErrors refused items.
func setCounts(run *core.Record, sum importer.Summary) {
	run.Set(s.FieldRunCreated, sum.Created)
	run.Set(s.FieldRunUpdated, sum.Updated)
	run.Set(s.FieldRunSkipped, sum.Skipped)
	run.Set(s.FieldRunDuplicates, sum.Duplicates)
	errs := sum.Errors
	if errs == nil {
		errs = []importer.ItemError{}
	}
	if len(errs) > MaxRunErrors {
		more := i18n.T(i18n.FR, "source_errors_truncated", map[string]any{"count": len(errs) - MaxRunErrors})
		errs = append(errs[:MaxRunErrors:MaxRunErrors], importer.ItemError{Message: more})
	}
	run.Set(s.FieldRunErrors, errs)
}

// saveState stamps the source's last run and, after a successful import, keeps the
// validators that make the next fetch conditional. A failed run keeps the old ones, so that
// the next run retries what this one could not import.
func saveState(tx core.App, sourceID string, started time.Time, out outcome) error {
	src, err := tx.FindRecordById(s.Sources, sourceID)
	if err != nil {
		return err
	}
	src.Set(s.FieldSourceLastRunAt, started.UTC())
	if out.status == s.RunOK {
		src.Set(s.FieldSourceETag, out.etag)
		src.Set(s.FieldSourceLastModified, out.lastModified)
	}
	return tx.Save(src)
}

// prune deletes the runs of a source beyond the KeepRuns most recent.
func prune(app core.App, sourceID string) error {
	old, err := app.FindRecordsByFilter(s.ImportRuns, s.FieldRunSource+" = {:id}", "-"+s.FieldRunStarted,
		0, KeepRuns, dbx.Params{"id": sourceID})
	if err != nil {
		return err
	}
	for _, run := range old {
		if err := app.Delete(run); err != nil {
			return err
		}
	}
	return nil
}
