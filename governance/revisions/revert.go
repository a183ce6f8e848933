package revisions

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"

	"github.com/maillage/maillage/governance/moderation"
	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// ActionRevert is the audit log's name of a moderator's revert.
const ActionRevert = "revision.revert"

// revertBody is the optional body of a revert: one field, or the whole revision.
type revertBody struct {
	Field string `json:"field"`
}

// revert sets the record of revision {id} (all its changed fields, or body.field) back to
// their values before it, as a moderator, in one save that is itself a revision.
func revert(e *core.RequestEvent) error {
	if !mayRevert(e.Auth) {
		return e.ForbiddenError(i18n.Tr(e, "revisions_revert_forbidden", nil), nil)
	}
	var body revertBody
	if e.Request.ContentLength != 0 {
		if err := e.BindBody(&body); err != nil {
			return e.BadRequestError(i18n.Tr(e, "revisions_revert_body", nil), err)
		}
	}
	rev, err := readableRevision(e)
	if err != nil {
		return err
	}
	var rec *core.Record
	err = e.App.RunInTransaction(func(tx core.App) error {
		rec, err = restore(e, tx, rev, body.Field)
		return err
	})
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"collection": rec.Collection().Name, "id": rec.Id})
}

// mayRevert: moderators and superusers.
func mayRevert(auth *core.Record) bool {
	return auth != nil && (auth.IsSuperuser() || auth.GetString(s.FieldRole) == s.RoleModerator)
}

// readableRevision finds revision {id} if the requester may read it (else 404).
func readableRevision(e *core.RequestEvent) (*core.Record, error) {
	rev, err := e.App.FindRecordById(s.Revisions, e.Request.PathValue("id"))
	if err == nil {
		info, _ := e.RequestInfo()
		if ok, _ := e.App.CanAccessRecord(rev, info, rev.Collection().ViewRule); ok {
			return rev, nil
		}
	}
	return nil, e.NotFoundError(i18n.Tr(e, "revisions_not_found", nil), nil)
}

// restore writes the revision's before values onto its record, marked as a revert by the
// requester.
func restore(e *core.RequestEvent, tx core.App, rev *core.Record, field string) (*core.Record, error) {
	if rev.GetString(s.FieldRevisionOp) == s.RevisionCreate {
		return nil, e.BadRequestError(i18n.Tr(e, "revisions_revert_create", nil), nil)
	}
	rec, err := tx.FindRecordById(rev.GetString(s.FieldRevisionCollection), rev.GetString(s.FieldRevisionRecord))
	if err != nil {
		return nil, e.NotFoundError(i18n.Tr(e, "revisions_record_gone", nil), nil)
	}
	changes := decodeChanges(rev)
	if field != "" {
		c, ok := changes[field]
		if !ok {
			return nil, e.BadRequestError(i18n.Tr(e, "revisions_revert_field", map[string]any{"field": field}), nil)
		}
		changes = map[string]Change{field: c}
	}
	for f, c := range changes {
		rec.Set(f, c.Before)
	}
	a := requester(e.Auth)
	a.source = s.SourceRevert
	rec.Set(actorKey, a)
	if err := tx.Save(rec); err != nil {
		return nil, saveRefusal(e, err)
	}
	return rec, auditRevert(tx, e.Auth, rev, field)
}

// saveRefusal answers a save the record's rules refused with its field errors.
func saveRefusal(e *core.RequestEvent, err error) error {
	var apiErr *router.ApiError
	if errors.As(err, &apiErr) {
		return apiErr
	}
	return e.BadRequestError(i18n.Tr(e, "revisions_revert_invalid", nil), err)
}

// auditRevert writes the revert to the moderation audit log, in the revert's transaction.
func auditRevert(tx core.App, moderator *core.Record, rev *core.Record, field string) error {
	entry := moderation.Entry{
		Action:     ActionRevert,
		Collection: rev.GetString(s.FieldRevisionCollection),
		RecordID:   rev.GetString(s.FieldRevisionRecord),
		Details:    map[string]any{"revision": rev.Id, "field": field},
	}
	if moderator != nil && !moderator.IsSuperuser() {
		entry.Actor = moderator.Id
	}
	return moderation.Audit(tx, entry)
}
