package moderation

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Actions of the duplicates' decisions (interop/dedup).
const (
	ActionMerge   = "duplicate.merge"
	ActionDismiss = "duplicate.dismiss"
)

// bindDuplicatesAudit writes to the audit log each pair of likely duplicates a moderator
// merges or dismisses (interop/dedup records who decided in decidedBy), about the pair's
// first record.
func bindDuplicatesAudit(app core.App) {
	app.OnRecordAfterUpdateSuccess(s.Duplicates).BindFunc(func(e *core.RecordEvent) error {
		action := map[string]string{s.DupMerged: ActionMerge, s.DupDismissed: ActionDismiss}[e.Record.GetString(s.FieldStatus)]
		if action == "" || e.Record.Original().GetString(s.FieldStatus) == e.Record.GetString(s.FieldStatus) {
			return e.Next()
		}
		err := Audit(e.App, Entry{Action: action, Collection: e.Record.GetString(s.FieldDupCollection),
			RecordID: e.Record.GetString(s.FieldDupRecordA), Actor: e.Record.GetString(s.FieldDupDecidedBy),
			Details: map[string]string{"pair": e.Record.Id, "recordA": e.Record.GetString(s.FieldDupRecordA), "recordB": e.Record.GetString(s.FieldDupRecordB)}})
		if err != nil {
			return err
		}
		return e.Next()
	})
}
