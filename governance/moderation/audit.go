package moderation

import (
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Actions written to the audit log by this package; other packages may use their own names
// (e.g. "suggestion.accept", "revision.revert").
const (
	ActionStatus   = "status"        // a moderator changed a record's status
	ActionHide     = "report.hide"   // enough reports hid an item
	ActionKeep     = "report.keep"   // a moderator kept a reported item
	ActionRemove   = "report.remove" // a moderator removed a reported item
	ActionValidate = "vote.publish"  // community validation published a contribution
	ActionRefuse   = "vote.reject"   // community validation rejected a contribution
	ActionPublish  = "publish"       // a moderator's vote published a pending contribution
	ActionReject   = "reject"        // a moderator's vote rejected a pending contribution
)

// Entry is one decision for the audit log. Actor is the user who decided (empty for the
// system or the community); ActorKind is one of s.ActorKinds, by default s.ActorModerator
// when Actor is set and s.ActorSystem otherwise. Details is any JSON-encodable value.
type Entry struct {
	Action     string
	Collection string
	RecordID   string
	Actor      string
	ActorKind  string
	Reason     string
	Details    any
}

// Audit appends e to the audit log. Call it with the transaction's app inside a transaction,
// so that the decision and its entry are saved together.
func Audit(app core.App, e Entry) error {
	c, err := app.FindCachedCollectionByNameOrId(s.AuditLog)
	if err != nil {
		return fmt.Errorf("audit %s: %w", e.Action, err)
	}
	rec := core.NewRecord(c)
	rec.Set(s.FieldAuditAction, e.Action)
	rec.Set(s.FieldTargetCollection, e.Collection)
	rec.Set(s.FieldTargetRecordID, e.RecordID)
	rec.Set(s.FieldAuditActor, e.Actor)
	rec.Set(s.FieldAuditActorKind, actorKind(e))
	rec.Set(s.FieldReason, e.Reason)
	rec.Set(s.FieldAuditDetails, e.Details)
	if err := app.Save(rec); err != nil {
		return fmt.Errorf("audit %s %s/%s: %w", e.Action, e.Collection, e.RecordID, err)
	}
	return nil
}

func actorKind(e Entry) string {
	switch {
	case e.ActorKind != "":
		return e.ActorKind
	case e.Actor != "":
		return s.ActorModerator
	default:
		return s.ActorSystem
	}
}

// errAppendOnly refuses any change to an audit entry but forgetting its actor.
var errAppendOnly = errors.New("the audit log is append-only")

// bindAuditGuard keeps the audit log append-only whatever the write path (the dashboard
// included): an entry is never deleted, and the only change allowed is emptying its actor,
// which an account's deletion does.
func bindAuditGuard(app core.App) {
	app.OnRecordUpdate(s.AuditLog).BindFunc(func(e *core.RecordEvent) error {
		if !onlyActorCleared(e.Record) {
			return errAppendOnly
		}
		return e.Next()
	})
	app.OnRecordDelete(s.AuditLog).BindFunc(func(e *core.RecordEvent) error {
		return errAppendOnly
	})
}

func onlyActorCleared(rec *core.Record) bool {
	orig := rec.Original()
	for _, f := range rec.Collection().Fields {
		name := f.GetName()
		if name == s.FieldAuditActor {
			if v := rec.GetString(name); v != "" && v != orig.GetString(name) {
				return false
			}
			continue
		}
		if fmt.Sprint(rec.Get(name)) != fmt.Sprint(orig.Get(name)) {
			return false
		}
	}
	return true
}
