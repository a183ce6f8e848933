package suggestions

import (
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/moderation"
	s "github.com/maillage/maillage/schema"
)

// audit writes a decision to the moderation audit log, in the decision's transaction: who
// decided (the record's author or a moderator), on which record, the fields accepted and the
// reason.
func audit(tx core.App, user, sug *core.Record, status string) error {
	action, kind := ActionAccept, s.ActorModerator
	if status == s.SuggestionDeclined {
		action = ActionDecline
	}
	if user.Id == sug.GetString(s.FieldSuggestionTargetAuthor) {
		kind = s.ActorAuthor
	}
	return moderation.Audit(tx, moderation.Entry{
		Action:     action,
		Collection: sug.GetString(s.FieldSuggestionCollection),
		RecordID:   sug.GetString(s.FieldSuggestionRecord),
		Actor:      user.Id,
		ActorKind:  kind,
		Reason:     sug.GetString(s.FieldSuggestionReason),
		Details:    map[string]any{"suggestion": sug.Id, "status": status, "fields": listOf(sug, s.FieldSuggestionDecided)},
	})
}
