package moderation

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Error codes of refused reports and votes (i18n/messages_moderation.go).
const (
	codeTargetUnreadable = "report_target_unreadable"
	codeNotTrusted       = "vote_not_trusted"
	codeNotPending       = "vote_not_pending"
	codeOwn              = "vote_own"
)

// refusal is the field error code on a report's or vote's field.
func refusal(field, code string) error {
	return validation.Errors{field: i18n.NewError(code, nil)}
}

// targetOf finds the record rec (a report or a vote) is about; nil when it does not exist.
func targetOf(app core.App, rec *core.Record) (*core.Record, error) {
	coll, id := rec.GetString(s.FieldTargetCollection), rec.GetString(s.FieldTargetRecordID)
	if !slices.Contains(s.ReportTargets, coll) || id == "" {
		return nil, nil
	}
	target, err := app.FindRecordById(coll, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find %s/%s: %w", coll, id, err)
	}
	return target, nil
}

// canRead reports whether user may read target, by the target collection's own view rule.
func canRead(app core.App, target, user *core.Record) (bool, error) {
	info := &core.RequestInfo{Auth: user, Context: core.RequestInfoContextDefault, Method: "GET"}
	ok, err := app.CanAccessRecord(target, info, target.Collection().ViewRule)
	if err != nil {
		return false, fmt.Errorf("check %s can read %s/%s: %w", user.Id, target.Collection().Name, target.Id, err)
	}
	return ok, nil
}

// mayValidate reports whether a trusted member may see a pending contribution to vote on
// it: whoever would read it once published (public, or community and a member of its
// community), never a private record nor a deleted one.
func mayValidate(app core.App, target, voter *core.Record) (bool, error) {
	if target.GetBool(s.FieldDeleted) || target.Collection().Fields.GetByName(s.FieldVisibility) == nil {
		return false, nil
	}
	switch target.GetString(s.FieldVisibility) {
	case s.VisibilityPublic:
		return true, nil
	case s.VisibilityCommunity:
		community := target.GetString(s.FieldCommunity)
		if community == "" {
			return true, nil
		}
		n, err := app.CountRecords(s.Memberships, dbxHash("user", voter.Id, s.FieldCommunity, community))
		return n > 0, err
	}
	return false, nil
}

// excerptFields are the fields whose text shows what a record is, first found first.
var excerptFields = []string{"name", "title", s.FieldText}

// excerptOf is the start of what target says, for moderators reviewing a report.
func excerptOf(target *core.Record) string {
	for _, f := range excerptFields {
		if v := []rune(target.GetString(f)); len(v) > 0 {
			return string(v[:min(len(v), 500)])
		}
	}
	return ""
}

// isMessage reports whether target is a private message (hidden by a flag, not a status).
func isMessage(target *core.Record) bool { return target.Collection().Name == s.Messages }

// openReports returns the open reports about target.
func openReports(app core.App, coll, id string) ([]*core.Record, error) {
	return app.FindAllRecords(s.Reports, dbxHash(s.FieldTargetCollection, coll, s.FieldTargetRecordID, id, s.FieldReportState, s.ReportOpen))
}

// hiddenByReports reports whether enough reports hid target and no moderator reviewed it yet.
func hiddenByReports(app core.App, coll, id string) (bool, error) {
	reports, err := openReports(app, coll, id)
	if err != nil {
		return false, err
	}
	return slices.ContainsFunc(reports, func(r *core.Record) bool { return r.GetBool(s.FieldReportHidden) }), nil
}
