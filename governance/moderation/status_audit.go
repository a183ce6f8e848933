package moderation

import (
	"github.com/pocketbase/pocketbase/core"

	mobilesync "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// moderatedCollections are the collections whose status a moderator decides.
var moderatedCollections = append(append([]string{}, s.Content...), s.Threads, s.Posts, s.Comments, s.Pages)

// bindStatusAudit writes to the audit log every change of a moderated record's status made
// through the API (REST and batch) by a moderator (hooks/moderation.go keeps status changes
// to moderators).
func bindStatusAudit(app core.App) {
	app.OnRecordUpdateRequest(moderatedCollections...).BindFunc(func(e *core.RecordRequestEvent) error {
		before, after := e.Record.Original().GetString(s.FieldStatus), e.Record.GetString(s.FieldStatus)
		if before == after || e.Auth == nil {
			return e.Next()
		}
		if err := e.Next(); err != nil {
			return err
		}
		return Audit(e.App, Entry{Action: ActionStatus, Collection: e.Collection.Name, RecordID: e.Record.Id,
			Actor: e.Auth.Id, ActorKind: kindOf(e.Auth), Details: map[string]string{"before": before, "after": after}})
	})
}

// bindSyncStatusAudit writes the same entry for a status change a sync push makes (a
// moderator's decision queued offline): the push marks the records it saves with their
// pusher (mobilesync.PusherKey), since a push runs no request hook. The entry is written in
// the push's transaction, after the save.
func bindSyncStatusAudit(app core.App) {
	app.OnRecordUpdate(moderatedCollections...).BindFunc(func(e *core.RecordEvent) error {
		pusher := e.Record.GetString(mobilesync.PusherKey)
		before, after := e.Record.Original().GetString(s.FieldStatus), e.Record.GetString(s.FieldStatus)
		if pusher == "" || before == after {
			return e.Next()
		}
		if err := e.Next(); err != nil {
			return err
		}
		actor, err := e.App.FindRecordById(s.Users, pusher)
		if err != nil {
			return err
		}
		return Audit(e.App, Entry{Action: ActionStatus, Collection: e.Record.Collection().Name, RecordID: e.Record.Id,
			Actor: pusher, ActorKind: kindOf(actor), Details: map[string]string{"before": before, "after": after}})
	})
}

// kindOf is the actor kind of a signed-in person from their role.
func kindOf(auth *core.Record) string {
	switch auth.GetString(s.FieldRole) {
	case s.RoleModerator:
		return s.ActorModerator
	case s.RoleFacilitator:
		return s.ActorFacilitator
	default:
		return s.ActorAuthor
	}
}
