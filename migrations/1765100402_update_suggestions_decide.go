package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// suggestions decided offline: an update rule (suggestionsDecide) lets the target's author and
// moderators decide a pending suggestion by updating it, through a sync push like any queued
// contribution; before, only the accept and decline routes decided.
func init() {
	m.Register(func(app core.App) error { return setSuggestionsUpdateRule(app, rule(suggestionsDecide)) },
		func(app core.App) error { return setSuggestionsUpdateRule(app, nil) })
}

func setSuggestionsUpdateRule(app core.App, r *string) error {
	c, err := app.FindCollectionByNameOrId(s.Suggestions)
	if err != nil {
		return err
	}
	c.UpdateRule = r
	return app.Save(c)
}
