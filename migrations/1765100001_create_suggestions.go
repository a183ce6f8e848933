package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// suggestions: proposed values for a record's fields, decided field by field by the record's
// author or a moderator (governance/suggestions).
func init() {
	m.Register(createSuggestions, dropCollections(s.Suggestions))
}

func createSuggestions(app core.App) error {
	c := core.NewBaseCollection(s.Suggestions)
	c.ListRule = rule(suggestionsRead)
	c.ViewRule = rule(suggestionsRead)
	c.CreateRule = rule(suggestionsCreate)
	c.DeleteRule = rule(suggestionsDelete)
	c.Fields.Add(
		&core.SelectField{Name: s.FieldSuggestionCollection, Required: true, MaxSelect: 1, Values: s.SuggestionTargets},
		&core.TextField{Name: s.FieldSuggestionRecord, Required: true, Max: 15, Pattern: `^[a-z0-9]+$`},
		&core.JSONField{Name: s.FieldSuggestionFields, Required: true, MaxSize: 100 << 10},
		&core.JSONField{Name: s.FieldSuggestionSeen, MaxSize: 100 << 10},
		&core.TextField{Name: s.FieldSuggestionComment, Max: 2000},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true},
		&core.SelectField{Name: s.FieldSuggestionStatus, MaxSelect: 1, Values: []string{
			s.SuggestionPending, s.SuggestionAccepted, s.SuggestionPartlyAccepted, s.SuggestionDeclined}},
		&core.TextField{Name: s.FieldSuggestionReason, Max: 2000},
		&core.RelationField{Name: s.FieldSuggestionDecidedBy, CollectionId: "_pb_users_auth_", MaxSelect: 1},
		&core.JSONField{Name: s.FieldSuggestionDecided, MaxSize: 10 << 10},
		&core.TextField{Name: s.FieldSuggestionTargetAuthor, Max: 15},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_suggestions_target", false, s.FieldSuggestionCollection+", "+s.FieldSuggestionRecord, "")
	c.AddIndex("idx_suggestions_author", false, s.FieldAuthor, "")
	c.AddIndex("idx_suggestions_target_author", false, s.FieldSuggestionTargetAuthor, "")
	return app.Save(c)
}
