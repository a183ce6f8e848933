package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// What imports need: importStates (the values a source gave at the last import, superusers
// only), rdates on events (iCalendar's added occurrences), and syncConflicts rows without an
// author: the value an import could not write over a local edit goes to moderators.
func init() {
	m.Register(createImportStates, dropImportStates)
}

func createImportStates(app core.App) error {
	c := core.NewBaseCollection(s.ImportStates)
	c.Fields.Add(
		&core.TextField{Name: s.FieldStateCollection, Required: true, Max: 100},
		&core.TextField{Name: s.FieldStateRecord, Required: true, Max: 100},
		&core.TextField{Name: s.FieldSource, Required: true, Max: 200},
		&core.TextField{Name: s.FieldExternalID, Required: true, Max: 200},
		&core.JSONField{Name: s.FieldStateValues, MaxSize: 1 << 20},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_importStates_key", true, s.FieldStateCollection+", "+s.FieldSource+", "+s.FieldExternalID, "")
	c.AddIndex("idx_importStates_record", false, s.FieldStateRecord, "")
	if err := app.Save(c); err != nil {
		return err
	}
	if err := setConflictAuthorRequired(app, false); err != nil {
		return err
	}
	events, err := app.FindCollectionByNameOrId(s.Events)
	if err != nil {
		return err
	}
	events.Fields.Add(&core.JSONField{Name: s.FieldRDates, MaxSize: 16 << 10})
	return app.Save(events)
}

func dropImportStates(app core.App) error {
	if err := dropCollections(s.ImportStates)(app); err != nil {
		return err
	}
	events, err := app.FindCollectionByNameOrId(s.Events)
	if err != nil {
		return err
	}
	events.Fields.RemoveByName(s.FieldRDates)
	if err := app.Save(events); err != nil {
		return err
	}
	return setConflictAuthorRequired(app, true)
}

func setConflictAuthorRequired(app core.App, required bool) error {
	c, err := app.FindCollectionByNameOrId(s.SyncConflicts)
	if err != nil {
		return err
	}
	c.Fields.GetByName(s.FieldAuthor).(*core.RelationField).Required = required
	return app.Save(c)
}
