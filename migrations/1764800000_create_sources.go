package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// sources (the semantic bus's connectors: where to read, in which format, into which
// collection, on which schedule) and importRuns (what each run did). Sources are managed by
// superusers only: their URLs may carry access keys. Moderators read the runs, to follow what
// imports bring in.
func init() {
	m.Register(createSources, dropCollections(s.ImportRuns, s.Sources))
}

// sourceMaxFileBytes bounds an uploaded source file like a fetched one (interop/sources).
const sourceMaxFileBytes = 32 << 20

func createSources(app core.App) error {
	sources := buildSources()
	if err := app.Save(sources); err != nil {
		return err
	}
	return app.Save(buildImportRuns(sources.Id))
}

func buildSources() *core.Collection {
	c := core.NewBaseCollection(s.Sources)
	c.Fields.Add(
		&core.TextField{Name: s.FieldSourceName, Required: true, Max: 200, Presentable: true},
		&core.SelectField{Name: s.FieldSourceFormat, Required: true, MaxSelect: 1, Values: s.SourceFormats},
		&core.URLField{Name: s.FieldSourceURL},
		&core.FileField{Name: s.FieldSourceFile, MaxSelect: 1, MaxSize: sourceMaxFileBytes, Protected: true},
		&core.SelectField{Name: s.FieldSourceCollection, Required: true, MaxSelect: 1, Values: s.SourceCollections},
		&core.TextField{Name: s.FieldSourceSchedule, Max: 100},
		&core.JSONField{Name: s.FieldSourceMapping, MaxSize: 1 << 20},
		&core.TextField{Name: s.FieldSourceLicence, Max: 300},
		&core.TextField{Name: s.FieldSourceAttribution, Max: 1000},
		&core.BoolField{Name: s.FieldSourceEnabled},
		&core.TextField{Name: s.FieldSourceETag, Max: 500},
		&core.TextField{Name: s.FieldSourceLastModified, Max: 100},
		&core.DateField{Name: s.FieldSourceLastRunAt},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_sources_name", true, s.FieldSourceName, "")
	return c
}

func buildImportRuns(sourcesID string) *core.Collection {
	c := core.NewBaseCollection(s.ImportRuns)
	c.ListRule = rule(ruleModerator)
	c.ViewRule = rule(ruleModerator)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldRunSource, CollectionId: sourcesID, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.DateField{Name: s.FieldRunStarted, Required: true},
		&core.NumberField{Name: s.FieldRunDurationMs, OnlyInt: true},
		&core.NumberField{Name: s.FieldRunCreated, OnlyInt: true},
		&core.NumberField{Name: s.FieldRunUpdated, OnlyInt: true},
		&core.NumberField{Name: s.FieldRunSkipped, OnlyInt: true},
		&core.NumberField{Name: s.FieldRunDuplicates, OnlyInt: true},
		&core.JSONField{Name: s.FieldRunErrors, MaxSize: 4 << 20},
		&core.SelectField{Name: s.FieldRunStatus, Required: true, MaxSelect: 1, Values: []string{s.RunOK, s.RunUnchanged, s.RunFailed}},
		&core.TextField{Name: s.FieldRunCode, Max: 100},
		&core.TextField{Name: s.FieldRunMessage, Max: 2000},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_importRuns_source", false, s.FieldRunSource+", "+s.FieldRunStarted, "")
	return c
}
