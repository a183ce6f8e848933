package suggestions

import (
	"errors"
	"net/http"
	"slices"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Messages of the decision endpoints (i18n/messages_suggestions.go).
const (
	msgNotFound      = "suggestion_not_found"
	msgNotYours      = "suggestion_not_yours_to_decide"
	msgDecided       = "suggestion_already_decided"
	msgUnknownFields = "suggestion_unknown_fields"
	msgReason        = "suggestion_reason_required"
)

// Actions of the audit log.
const (
	ActionAccept  = "suggestion.accept"
	ActionDecline = "suggestion.decline"
)

// bindDecisions serves POST /api/maillage/suggestions/{id}/accept {"fields":[...]} and
// POST /api/maillage/suggestions/{id}/decline {"reason":"..."}.
func bindDecisions(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		g := se.Router.Group("/api/maillage/suggestions/{id}").Bind(apis.RequireAuth(s.Users))
		g.POST("/accept", accept)
		g.POST("/decline", decline)
		return se.Next()
	})
}

// decision is the body of accept and decline.
type decision struct {
	Fields []string `json:"fields"`
	Reason string   `json:"reason"`
}

func accept(e *core.RequestEvent) error {
	var d decision
	if err := e.BindBody(&d); err != nil {
		return e.BadRequestError("", err)
	}
	return decide(e, d, true)
}

func decline(e *core.RequestEvent) error {
	var d decision
	if err := e.BindBody(&d); err != nil {
		return e.BadRequestError("", err)
	}
	if d.Reason == "" {
		return e.BadRequestError(i18n.T(i18n.Lang(e), msgReason, nil), nil)
	}
	return decide(e, d, false)
}

// decide loads the suggestion and its target as the requester, checks they may decide, and
// applies the decision in one transaction; it answers the decided suggestion.
func decide(e *core.RequestEvent, d decision, accepting bool) error {
	lang := i18n.Lang(e)
	sug, target, err := load(e)
	if err != nil {
		return e.NotFoundError(i18n.T(lang, msgNotFound, nil), nil)
	}
	if !mayDecide(e.Auth, target) {
		return e.ForbiddenError(i18n.T(lang, msgNotYours, nil), nil)
	}
	if sug.GetString(s.FieldSuggestionStatus) != s.SuggestionPending {
		return e.BadRequestError(i18n.T(lang, msgDecided, nil), nil)
	}
	if accepting && !knownFields(sug, d.Fields) {
		return e.BadRequestError(i18n.T(lang, msgUnknownFields, nil), nil)
	}
	err = e.App.RunInTransaction(func(tx core.App) error {
		return apply(tx, e.Auth, sug, d, accepting)
	})
	if err != nil {
		return err // a refused value comes back as PocketBase's 400 with its field errors
	}
	return e.JSON(http.StatusOK, sug)
}

// load finds the suggestion the requester may read and its target.
func load(e *core.RequestEvent) (*core.Record, *core.Record, error) {
	sug, err := e.App.FindRecordById(s.Suggestions, e.Request.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	info, err := e.RequestInfo()
	if err != nil {
		return nil, nil, err
	}
	if ok, err := e.App.CanAccessRecord(sug, info, sug.Collection().ViewRule); err != nil || !ok {
		return nil, nil, errors.Join(err, errors.New("suggestion not readable"))
	}
	target, err := findTarget(e.App, sug)
	return sug, target, err
}

// mayDecide: the target's author, or a moderator for a record that is not private.
func mayDecide(user, target *core.Record) bool {
	if user.Id == target.GetString(s.FieldAuthor) {
		return true
	}
	return user.GetString(s.FieldRole) == s.RoleModerator && target.GetString(s.FieldVisibility) != s.VisibilityPrivate
}

// knownFields reports whether every named field was proposed (none named means all).
func knownFields(sug *core.Record, fields []string) bool {
	p := proposed(sug)
	for _, f := range fields {
		if _, ok := p[f]; !ok {
			return false
		}
	}
	return true
}

// apply saves the accepted values on the target (a normal save: its hooks run), then the
// decision on the suggestion, and audits it.
func apply(tx core.App, user, sug *core.Record, d decision, accepting bool) error {
	status, err := decideOn(tx, user, sug, d, accepting)
	if err != nil {
		return err
	}
	if err := tx.Save(sug); err != nil {
		return err
	}
	return audit(tx, user, sug, status)
}

// decideOn saves the accepted values on the target and sets the decision on sug (not saved):
// its status, the fields accepted, who decided and the reason. It returns the status. The
// routes and a decision pushed as an update of the suggestion (offline.go) share it.
func decideOn(tx core.App, user, sug *core.Record, d decision, accepting bool) (string, error) {
	fields := d.Fields
	status := s.SuggestionDeclined
	if accepting {
		if len(fields) == 0 {
			fields = keys(proposed(sug))
		}
		if err := saveValues(tx, sug, fields); err != nil {
			return "", err
		}
		status = statusOf(sug, fields)
	} else {
		fields = []string{}
	}
	sug.Set(s.FieldSuggestionStatus, status)
	sug.Set(s.FieldSuggestionDecided, fields)
	sug.Set(s.FieldSuggestionDecidedBy, user.Id)
	sug.Set(s.FieldSuggestionReason, d.Reason)
	return status, nil
}

// saveValues writes the proposed values of fields to the target.
func saveValues(tx core.App, sug *core.Record, fields []string) error {
	target, err := findTarget(tx, sug)
	if err != nil {
		return err
	}
	p := proposed(sug)
	for _, f := range fields {
		target.Set(f, p[f])
	}
	return tx.Save(target)
}

// statusOf is accepted when every proposed field was accepted, partlyAccepted otherwise.
func statusOf(sug *core.Record, accepted []string) string {
	for f := range proposed(sug) {
		if !slices.Contains(accepted, f) {
			return s.SuggestionPartlyAccepted
		}
	}
	return s.SuggestionAccepted
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
