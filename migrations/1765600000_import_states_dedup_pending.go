package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// importStates rows say whether their record still waits for its duplicates search: an import
// writes the pairs it finds after the records, so a run killed in between leaves the flag set
// and the next run searches those records again. Existing rows were searched: false.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(s.ImportStates)
		if err != nil {
			return err
		}
		c.Fields.Add(&core.BoolField{Name: s.FieldStateDedupPending})
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(s.ImportStates)
		if err != nil {
			return err
		}
		c.Fields.RemoveByName(s.FieldStateDedupPending)
		return app.Save(c)
	})
}
