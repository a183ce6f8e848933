package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// revisions.recordUpdated: the changed row's `updated` as the trigger saw it, by which the
// hooks find the revision of the write they attribute without asking for the write
// connection before it (hidden).
func init() {
	m.Register(addRevisionsStamp, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(s.Revisions)
		if err != nil {
			return err
		}
		c.Fields.RemoveByName(s.FieldRevisionStamp)
		return app.Save(c)
	})
}

func addRevisionsStamp(app core.App) error {
	c, err := app.FindCollectionByNameOrId(s.Revisions)
	if err != nil {
		return err
	}
	c.Fields.Add(&core.TextField{Name: s.FieldRevisionStamp, Hidden: true, Max: 40})
	return app.Save(c)
}
