package suggestions

import (
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	mobilesync "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// A decision may also come as an update of the suggestion record — a sync push from a device
// that decided offline, or a REST PATCH — setting `status` (accepted, partlyAccepted or
// declined), `decided` (the fields accepted; none listed: all) and `reason` (required to
// decline). The update rule lets only the target's author and moderators make it while the
// suggestion is pending; this hook then applies it as the routes do (decideOn: the accepted
// values saved on the record, status worked out again, decidedBy the decider), in the same
// transaction, and audits it.

// msgNoDecision: an update of a pending suggestion by its decider that does not decide it.
const msgNoDecision = "suggestion_update_must_decide"

// deciderKey is a hidden custom value on a suggestion updated through REST: the requester.
const deciderKey = "maillageSuggestionDecider"

// bindUpdateDecisions binds the decision hooks of updates of suggestions.
func bindUpdateDecisions(app core.App) {
	app.OnRecordUpdateRequest(s.Suggestions).BindFunc(func(e *core.RecordRequestEvent) error {
		if e.Auth != nil {
			e.Record.Set(deciderKey, e.Auth.Id)
			e.Record.Hide(deciderKey)
		}
		return e.Next()
	})
	app.OnRecordUpdate(s.Suggestions).BindFunc(func(e *core.RecordEvent) error {
		decider := deciderOf(e.Record)
		if decider == "" || e.Record.Original().GetString(s.FieldSuggestionStatus) != s.SuggestionPending {
			return e.Next()
		}
		if e.Record.GetString(s.FieldSuggestionStatus) == s.SuggestionPending {
			return fieldError(s.FieldSuggestionStatus, msgNoDecision) // a decider's update must decide
		}
		return e.App.RunInTransaction(func(tx core.App) error {
			e.App = tx
			return decideByUpdate(e, decider)
		})
	})
}

// deciderOf is who updates sug: the REST requester or the sync push's person.
func deciderOf(sug *core.Record) string {
	if id := sug.GetString(deciderKey); id != "" {
		return id
	}
	return sug.GetString(mobilesync.PusherKey)
}

// decideByUpdate checks and applies the decision sug's update carries, saves it and audits it.
func decideByUpdate(e *core.RecordEvent, decider string) error {
	user, err := e.App.FindRecordById(s.Users, decider)
	if err != nil {
		return err
	}
	target, err := findTarget(e.App, e.Record)
	if err != nil {
		return targetRefusal(err)
	}
	d, accepting, err := decisionOf(user, target, e.Record)
	if err != nil {
		return err
	}
	status, err := decideOn(e.App, user, e.Record, d, accepting)
	if err != nil {
		return err
	}
	if err := e.Next(); err != nil {
		return err
	}
	return audit(e.App, user, e.Record, status)
}

// decisionOf reads the decision an update of sug carries, refusing it as the routes do: a
// decider who is neither the target's author nor a moderator who may read it, a decline
// without a reason, an accepted field the suggestion does not propose.
func decisionOf(user, target, sug *core.Record) (decision, bool, error) {
	d := decision{Fields: listOf(sug, s.FieldSuggestionDecided), Reason: sug.GetString(s.FieldSuggestionReason)}
	accepting := sug.GetString(s.FieldSuggestionStatus) != s.SuggestionDeclined
	switch {
	case !mayDecide(user, target):
		return d, false, fieldError(s.FieldSuggestionStatus, msgNotYours)
	case !accepting && d.Reason == "":
		return d, false, fieldError(s.FieldSuggestionReason, msgReason)
	case accepting && !knownFields(sug, d.Fields):
		return d, false, fieldError(s.FieldSuggestionDecided, msgUnknownFields)
	}
	return d, accepting, nil
}

// fieldError is a coded refusal of one field, as PocketBase and the sync report them.
func fieldError(field, code string) error {
	return validation.Errors{field: i18n.NewError(code, nil)}
}
