package moderation

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// bindReports checks every new report, whatever the write path (its author must be able to
// read what they report; the server fills its state and excerpt), and hides the target once
// Config.ReportThreshold distinct people reported it.
func bindReports(app core.App) {
	app.OnRecordValidate(s.Reports).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.IsNew() {
			if err := checkReport(e.App, e.Record); err != nil {
				return err
			}
		}
		return e.Next()
	})
	app.OnRecordAfterCreateSuccess(s.Reports).BindFunc(func(e *core.RecordEvent) error {
		if err := hideIfReported(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// checkReport refuses a report of a record its author cannot read (not found reads the
// same), and sets what the server decides: state open, not hidden, the target's excerpt.
func checkReport(app core.App, report *core.Record) error {
	target, err := targetOf(app, report)
	if err != nil {
		return err
	}
	author, err := app.FindRecordById(s.Users, report.GetString(s.FieldAuthor))
	if target == nil || err != nil {
		return refusal(s.FieldTargetRecordID, codeTargetUnreadable)
	}
	if ok, err := canRead(app, target, author); err != nil || !ok {
		if err != nil {
			return err
		}
		return refusal(s.FieldTargetRecordID, codeTargetUnreadable)
	}
	report.Set(s.FieldReportState, s.ReportOpen)
	report.Set(s.FieldReportHidden, false)
	report.Set(s.FieldReportExcerpt, excerptOf(target))
	return nil
}

// hideIfReported hides the target of report when its open reports reach the threshold, and
// marks them as the reports that hid it; once hidden, later reports join them.
func hideIfReported(app core.App, report *core.Record) error {
	coll, id := report.GetString(s.FieldTargetCollection), report.GetString(s.FieldTargetRecordID)
	reports, err := openReports(app, coll, id)
	if err != nil || len(reports) < configOf(app).ReportThreshold {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		hidden, err := hiddenByReports(tx, coll, id)
		if err != nil {
			return err
		}
		if !hidden {
			if err := hideTarget(tx, coll, id, len(reports)); err != nil {
				return err
			}
		}
		return setReports(tx, reports, s.FieldReportHidden, true)
	})
}

// hideTarget takes a reported item out of everyone's sight but its author's and the
// moderators': a message is flagged, a published record goes back to pending (others are not
// in sight already).
func hideTarget(tx core.App, coll, id string, reporters int) error {
	target, err := tx.FindRecordById(coll, id)
	if err != nil {
		return err
	}
	before := target.GetString(s.FieldStatus)
	switch {
	case isMessage(target):
		target.Set(s.FieldHiddenByReports, true)
	case before == s.StatusPublished:
		target.Set(s.FieldStatus, s.StatusPending)
	}
	if err := tx.SaveNoValidate(target); err != nil {
		return err
	}
	return Audit(tx, Entry{Action: ActionHide, Collection: coll, RecordID: id, ActorKind: s.ActorSystem,
		Details: map[string]any{"reporters": reporters, "statusBefore": before}})
}

// setReports sets field to value on every report.
func setReports(tx core.App, reports []*core.Record, field string, value any) error {
	for _, r := range reports {
		r.Set(field, value)
		if err := tx.SaveNoValidate(r); err != nil {
			return err
		}
	}
	return nil
}
