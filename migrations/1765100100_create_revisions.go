package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// revisions: every change to a content record, written by triggers and attributed by hooks
// (governance/revisions). Read by who may read the record now (its copied author, visibility,
// community, status and deleted); nobody writes them through the API.
func init() {
	m.Register(createRevisions, dropCollections(s.Revisions))
}

// revisionsRead: the record's author, moderators (not private records), and everyone the
// record is open to, as contentRead with the record's author under recordAuthor.
const revisionsRead = `(@request.auth.id != "" && ` + s.FieldRevisionRecordAuthor + ` = @request.auth.id) || ` +
	ruleModeratorReach + ` || ` + ruleOpenToAll

func createRevisions(app core.App) error {
	r, err := findRefs(app)
	if err != nil {
		return err
	}
	c := core.NewBaseCollection(s.Revisions)
	c.ListRule = rule(revisionsRead)
	c.ViewRule = rule(revisionsRead)
	c.Fields.Add(
		&core.TextField{Name: s.FieldRevisionCollection, Required: true, Max: 100},
		&core.TextField{Name: s.FieldRevisionRecord, Required: true, Max: 15},
		&core.SelectField{Name: s.FieldRevisionOp, MaxSelect: 1,
			Values: []string{s.RevisionCreate, s.RevisionUpdate, s.RevisionDelete}},
		&core.RelationField{Name: s.FieldRevisionAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1},
		&core.TextField{Name: s.FieldRevisionSource, Max: 200},
		&core.JSONField{Name: s.FieldRevisionChanges, MaxSize: 2 << 20},
		&core.TextField{Name: s.FieldRevisionRecordAuthor, Max: 15},
		&core.SelectField{Name: s.FieldVisibility, MaxSelect: 1,
			Values: []string{s.VisibilityPublic, s.VisibilityCommunity, s.VisibilityPrivate}},
		&core.RelationField{Name: s.FieldCommunity, CollectionId: r.communities, MaxSelect: 1},
		&core.TextField{Name: s.FieldStatus, Max: 20},
		&core.BoolField{Name: s.FieldDeleted},
		&core.BoolField{Name: s.FieldRevisionPending, Hidden: true},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_revisions_record", false, s.FieldRevisionCollection+", "+s.FieldRevisionRecord, "")
	c.AddIndex("idx_revisions_pending", false, s.FieldRevisionPending, s.FieldRevisionPending+" = 1")
	c.AddIndex("idx_revisions_author", false, s.FieldRevisionAuthor, "")
	return app.Save(c)
}
