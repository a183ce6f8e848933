package migrations

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// syncConflicts (values that lost a sync conflict, kept for their author and moderators) and
// media (photos uploaded offline, content-addressed). Only the server writes either: create and
// delete are locked to superusers; a conflict's author or a moderator may only change its status.
func init() {
	m.Register(createSyncCollections, dropCollections(s.Media, s.SyncConflicts))
}

// conflictOwnerOrModerator reads and settles a conflict: its author, or a moderator.
const conflictOwnerOrModerator = `(` + ruleAuthor + ` || ` + ruleModerator + `)`

func createSyncCollections(app core.App) error {
	for _, c := range []*core.Collection{buildSyncConflicts(), buildMedia()} {
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

func buildSyncConflicts() *core.Collection {
	c := core.NewBaseCollection(s.SyncConflicts)
	c.ListRule = rule(conflictOwnerOrModerator)
	c.ViewRule = rule(conflictOwnerOrModerator)
	c.Fields.Add(
		&core.TextField{Name: s.FieldConflictCollection, Required: true, Max: 100},
		&core.TextField{Name: s.FieldConflictRecordID, Required: true, Max: 100},
		&core.SelectField{Name: s.FieldConflictKind, Required: true, MaxSelect: 1, Values: []string{
			s.ConflictField, s.ConflictUpdateOnDeleted, s.ConflictDeleteOnModified, s.ConflictRejected}},
		&core.TextField{Name: s.FieldConflictField, Max: 100},
		&core.JSONField{Name: s.FieldConflictClient, MaxSize: 6 << 20},
		&core.JSONField{Name: s.FieldConflictServer, MaxSize: 6 << 20},
		&core.TextField{Name: s.FieldConflictMessage, Max: 5000},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.SelectField{Name: s.FieldStatus, Required: true, MaxSelect: 1, Values: []string{
			s.ConflictOpen, s.ConflictReapplied, s.ConflictDismissed}},
		&core.TextField{Name: s.FieldConflictClientID, Max: 15},
		&core.NumberField{Name: s.FieldConflictMseq, OnlyInt: true},
		&core.TextField{Name: s.FieldConflictOp, Max: 10},
	)
	c.Fields.Add(timestamps()...)
	c.UpdateRule = rule(conflictSettleRule(c))
	c.AddIndex("idx_syncConflicts_author", false, s.FieldAuthor+", "+s.FieldStatus, "")
	c.AddIndex("idx_syncConflicts_record", false, s.FieldConflictCollection+", "+s.FieldConflictRecordID, "")
	return c
}

// conflictSettleRule lets the author or a moderator set status to reapplied or dismissed, and
// nothing else: every other field must be absent from the request body. A body without status
// changes nothing and is allowed, so that the rule with an empty body answers "may this user
// settle this row at all" (the refusal explanations of hooks/refusals.go ask exactly that).
func conflictSettleRule(c *core.Collection) string {
	parts := []string{conflictOwnerOrModerator,
		`(@request.body.status:isset = false || @request.body.status = "` + s.ConflictReapplied +
			`" || @request.body.status = "` + s.ConflictDismissed + `")`}
	for _, name := range c.Fields.FieldNames() {
		if name != s.FieldStatus && name != "id" {
			parts = append(parts, `@request.body.`+name+`:isset = false`)
		}
	}
	return strings.Join(parts, " && ")
}

// buildMedia: a photo is read by its author and moderators. Others never need the media
// record: a mutation that references it copies the file into the parent record, which its own
// rules then protect.
func buildMedia() *core.Collection {
	c := core.NewBaseCollection(s.Media)
	c.ListRule = rule(conflictOwnerOrModerator)
	c.ViewRule = rule(conflictOwnerOrModerator)
	c.Fields.Add(
		&core.FileField{Name: s.FieldMediaFile, Required: true, MaxSelect: 1, MaxSize: s.MediaMaxBytes,
			MimeTypes: []string{"image/jpeg", "image/png", "image/webp"}, Thumbs: []string{"100x100"}},
		&core.TextField{Name: s.FieldMediaSha256, Required: true, Min: 64, Max: 64, Pattern: `^[a-f0-9]{64}$`},
		&core.TextField{Name: s.FieldMediaParentCollection, Max: 100},
		&core.TextField{Name: s.FieldMediaParentID, Max: 100},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_media_author", false, s.FieldAuthor, "")
	return c
}
