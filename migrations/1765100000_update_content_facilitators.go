package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// Facilitators edit any published public content record (s.Content; forum threads keep their
// authors' and moderators' rule) directly (issue 10), with the other
// protections of contentUpdate kept: author, source and externalId unchanged, status changed
// by moderators only.
func init() {
	m.Register(func(app core.App) error {
		return setContentUpdate(app, contentUpdateShared)
	}, func(app core.App) error {
		return setContentUpdate(app, contentUpdate)
	})
}

func setContentUpdate(app core.App, update string) error {
	for _, name := range s.Content {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.UpdateRule = rule(update)
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
