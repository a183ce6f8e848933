package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// duplicates (candidate pairs for moderators, written by interop/dedup), and on initiatives,
// organisations and events: provenance (every source a merged record's values came from) and
// mergedInto (the record a merged-away one redirects to). Requests never set either: only a
// merge does, so nobody can pass a record off as imported or redirect it elsewhere.
func init() {
	m.Register(createDuplicates, dropDuplicates)
}

// ruleNoMergeFields keeps provenance and mergedInto out of create requests; ruleMergeFieldsKept
// out of updates.
const (
	ruleNoMergeFields = `@request.body.` + s.FieldProvenance + `:isset = false && @request.body.` +
		s.FieldMergedInto + `:isset = false`
	ruleMergeFieldsKept = `@request.body.` + s.FieldProvenance + `:changed = false && @request.body.` +
		s.FieldMergedInto + `:changed = false`
)

func createDuplicates(app core.App) error {
	if err := app.Save(buildDuplicates()); err != nil {
		return err
	}
	for _, name := range s.Mergeable {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.Fields.Add(
			&core.JSONField{Name: s.FieldProvenance, MaxSize: 64 << 10},
			&core.RelationField{Name: s.FieldMergedInto, CollectionId: c.Id, MaxSelect: 1},
		)
		c.CreateRule = rule("(" + *c.CreateRule + ") && " + ruleNoMergeFields)
		c.UpdateRule = rule("(" + *c.UpdateRule + ") && " + ruleMergeFieldsKept)
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

// buildDuplicates: moderators read the pairs and may dismiss (or reopen) one that is not
// merged; merging goes through POST /api/maillage/duplicates/{id}/merge. Only the server
// creates pairs (superusers apart, nobody else creates or deletes them).
func buildDuplicates() *core.Collection {
	c := core.NewBaseCollection(s.Duplicates)
	c.ListRule = rule(ruleModerator)
	c.ViewRule = rule(ruleModerator)
	c.Fields.Add(
		&core.TextField{Name: s.FieldDupCollection, Required: true, Max: 100, Presentable: true},
		&core.TextField{Name: s.FieldDupRecordA, Required: true, Max: 100, Presentable: true},
		&core.TextField{Name: s.FieldDupRecordB, Required: true, Max: 100, Presentable: true},
		&core.NumberField{Name: s.FieldDupScore, Min: zero(), Max: one()},
		&core.JSONField{Name: s.FieldDupReasons, MaxSize: 4 << 10},
		&core.SelectField{Name: s.FieldStatus, Required: true, MaxSelect: 1, Values: []string{s.DupOpen, s.DupMerged, s.DupDismissed}},
		&core.RelationField{Name: s.FieldDupDecidedBy, CollectionId: "_pb_users_auth_", MaxSelect: 1},
	)
	c.Fields.Add(timestamps()...)
	c.UpdateRule = rule(duplicateSettleRule(c))
	c.AddIndex("idx_duplicates_pair", true, s.FieldDupCollection+", "+s.FieldDupRecordA+", "+s.FieldDupRecordB, "")
	c.AddIndex("idx_duplicates_b", false, s.FieldDupRecordB, "")
	c.AddIndex("idx_duplicates_open", false, s.FieldStatus+", "+s.FieldDupScore, "")
	return c
}

// duplicateSettleRule lets a moderator set an unmerged pair's status to dismissed or open and
// change nothing else.
func duplicateSettleRule(c *core.Collection) string {
	parts := []string{ruleModerator, s.FieldStatus + ` != "` + s.DupMerged + `"`,
		`(@request.body.status:isset = false || @request.body.status = "` + s.DupDismissed +
			`" || @request.body.status = "` + s.DupOpen + `")`}
	for _, name := range c.Fields.FieldNames() {
		if name != s.FieldStatus && name != "id" {
			parts = append(parts, `@request.body.`+name+`:isset = false`)
		}
	}
	return strings.Join(parts, " && ")
}

func one() *float64 { v := 1.0; return &v }

func dropDuplicates(app core.App) error {
	for _, name := range s.Mergeable {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.Fields.RemoveByName(s.FieldProvenance)
		c.Fields.RemoveByName(s.FieldMergedInto)
		c.CreateRule = rule(strings.TrimSuffix(strings.TrimPrefix(*c.CreateRule, "("), ") && "+ruleNoMergeFields))
		c.UpdateRule = rule(strings.TrimSuffix(strings.TrimPrefix(*c.UpdateRule, "("), ") && "+ruleMergeFieldsKept))
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return dropCollections(s.Duplicates)(app)
}
