// Package suggestions lets people who may read a record but not change it suggest an edit: a
// suggestions record holds the proposed values (fields), the values as the person saw them
// (seen) and a comment. The record's author or a moderator accepts it field by field, which
// saves the accepted values on the record with a normal save (its hooks run), or declines it
// with a reason. Through sync, an update pushed for a record its pusher may only read becomes
// a suggestion (the push result status "suggested"), see FromSync.
package suggestions

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

// Error codes of refused suggestions (i18n/messages_suggestions.go).
const (
	codeTargetUnreadable = "suggestion_target_unreadable"
	codeEditDirectly     = "suggestion_edit_directly"
	codeFieldNotSuggest  = "suggestion_field_refused"
	codeNoFields         = "suggestion_no_fields"
)

// protected are the fields a suggestion never changes: who and where a record comes from and
// its moderation.
var protected = []string{
	core.FieldNameId, s.FieldAuthor, s.FieldStatus, s.FieldSource, s.FieldExternalID,
	s.FieldDeleted, s.FieldGeoOverride, s.FieldCreated, s.FieldUpdated,
}

// Register checks every new suggestion, whatever its write path, and serves the decisions.
func Register(app core.App) {
	app.OnRecordValidate(s.Suggestions).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.IsNew() {
			if err := checkNew(e.App, e.Record); err != nil {
				return err
			}
		}
		return e.Next()
	})
	bindDecisions(app)
	bindUpdateDecisions(app)
}

// checkNew refuses a suggestion on a record its author cannot read or could change directly,
// or naming fields a suggestion may not change; it copies the target's author, starts it
// pending and fills seen with the current values the person did not send.
func checkNew(app core.App, sug *core.Record) error {
	target, err := findTarget(app, sug)
	if err != nil {
		return targetRefusal(err)
	}
	if err := checkSuggester(app, sug, target); err != nil {
		return err
	}
	if err := checkFields(target, proposed(sug)); err != nil {
		return err
	}
	sug.Set(s.FieldSuggestionTargetAuthor, target.GetString(s.FieldAuthor))
	sug.Set(s.FieldSuggestionStatus, s.SuggestionPending)
	sug.Set(s.FieldSuggestionSeen, fillSeen(target, proposed(sug), mapOf(sug, s.FieldSuggestionSeen)))
	return nil
}

// isTarget reports whether records of coll take suggestions.
func isTarget(coll string) bool { return slices.Contains(s.SuggestionTargets, coll) }

// findTarget returns the record a suggestion is about.
func findTarget(app core.App, sug *core.Record) (*core.Record, error) {
	coll, id := sug.GetString(s.FieldSuggestionCollection), sug.GetString(s.FieldSuggestionRecord)
	if !isTarget(coll) || id == "" {
		return nil, sql.ErrNoRows
	}
	return app.FindRecordById(coll, id)
}

// checkSuggester refuses a suggestion whose author cannot read the target (as its view rule
// decides), or may change it directly (as its update rule decides).
func checkSuggester(app core.App, sug, target *core.Record) error {
	author, err := app.FindRecordById(s.Users, sug.GetString(s.FieldAuthor))
	if err != nil {
		return targetRefusal(err)
	}
	info := &core.RequestInfo{Auth: author, Context: core.RequestInfoContextDefault, Method: "POST", Body: map[string]any{}}
	if ok, err := app.CanAccessRecord(target, info, target.Collection().ViewRule); err != nil || !ok {
		return errOr(err, targetRefusal(nil))
	}
	info.Method = "PATCH"
	if ok, err := app.CanAccessRecord(target, info, target.Collection().UpdateRule); err != nil || ok {
		return errOr(err, validation.Errors{s.FieldSuggestionRecord: i18n.NewError(codeEditDirectly, nil)})
	}
	return nil
}

// checkFields refuses an empty suggestion and fields a suggestion may not change.
func checkFields(target *core.Record, fields map[string]any) error {
	if len(fields) == 0 {
		return validation.Errors{s.FieldSuggestionFields: i18n.NewError(codeNoFields, nil)}
	}
	for name := range fields {
		if !suggestible(target.Collection(), name) {
			return validation.Errors{s.FieldSuggestionFields: i18n.NewError(codeFieldNotSuggest, map[string]any{"field": name})}
		}
	}
	return nil
}

// suggestible reports whether a suggestion may propose a value for field name of c.
func suggestible(c *core.Collection, name string) bool {
	f := c.Fields.GetByName(name)
	if f == nil || f.GetHidden() || slices.Contains(protected, name) {
		return false
	}
	switch f.Type() {
	case core.FieldTypeAutodate, core.FieldTypePassword, core.FieldTypeFile:
		return false
	}
	return true
}

// fillSeen returns seen completed with the target's current value of every proposed field the
// person did not say they saw.
func fillSeen(target *core.Record, fields, seen map[string]any) map[string]any {
	out := map[string]any{}
	for name := range fields {
		if v, ok := seen[name]; ok {
			out[name] = v
		} else {
			out[name] = target.Get(name)
		}
	}
	return out
}

// targetRefusal is the field error of a suggestion whose target cannot be read; a database
// failure other than "not found" stays an error.
func targetRefusal(err error) error {
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("find suggestion target: %w", err)
	}
	return validation.Errors{s.FieldSuggestionRecord: i18n.NewError(codeTargetUnreadable, nil)}
}

func errOr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}
