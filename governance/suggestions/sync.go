package suggestions

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// FromSync keeps an update pushed for a record its user may only read as a pending suggestion
// (mobilesync.Config.OnReadOnlyUpdate): fields are the pushed values, seen the values the
// device based them on. It returns the suggestion's id; no id for a record that takes no
// suggestions, which the push then rejects. The suggestion is saved in the push transaction,
// so that its model checks (checkNew) apply.
func FromSync(app core.App, info *core.RequestInfo, rec *core.Record, fields, seen map[string]any) (string, error) {
	if info.Auth == nil || !isTarget(rec.Collection().Name) {
		return "", nil
	}
	c, err := app.FindCachedCollectionByNameOrId(s.Suggestions)
	if err != nil {
		return "", err
	}
	sug := core.NewRecord(c)
	sug.Set(s.FieldSuggestionCollection, rec.Collection().Name)
	sug.Set(s.FieldSuggestionRecord, rec.Id)
	sug.Set(s.FieldAuthor, info.Auth.Id)
	sug.Set(s.FieldSuggestionFields, fields)
	sug.Set(s.FieldSuggestionSeen, seen)
	if err := app.Save(sug); err != nil {
		return "", err
	}
	return sug.Id, nil
}
