package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// comments: on an initiative, event, offer, organisation or thread (collection + recordId),
// replies one level deep (parent), readable and writable only by who can read the target.
func init() {
	m.Register(createComments, dropCollections(s.Comments))
}

func createComments(app core.App) error {
	r, err := findRefs(app)
	if err != nil {
		return err
	}
	c := core.NewBaseCollection(s.Comments)
	c.ListRule = rule(commentsRead)
	c.ViewRule = rule(commentsRead)
	c.CreateRule = rule(commentsCreate)
	c.DeleteRule = rule(commentsDelete)
	c.Fields.Add(visibilityFields(r)...)
	c.Fields.Add(
		&core.SelectField{Name: s.FieldCommentTarget, Required: true, MaxSelect: 1, Values: s.CommentTargets},
		&core.TextField{Name: s.FieldCommentTargetID, Required: true, Max: 15, Pattern: `^[a-z0-9]+$`},
		&core.TextField{Name: s.FieldDiscussionText, Required: true, Max: 5000},
		&core.TextField{Name: s.FieldCommentTargetAuthor, Max: 15},
		&core.TextField{Name: s.FieldCommentTargetStatus, Max: 20},
		&core.BoolField{Name: s.FieldCommentTargetDeleted},
	)
	c.Fields.Add(timestamps()...)
	if err := app.Save(c); err != nil {
		return err
	}
	// the parent is a comment of the same collection: added once the collection has an id, and
	// the update rule that names it with it
	c.UpdateRule = rule(commentsUpdate)
	c.Fields.Add(&core.RelationField{Name: s.FieldCommentParent, CollectionId: c.Id, MaxSelect: 1, CascadeDelete: true})
	c.AddIndex("idx_comments_target", false, s.FieldCommentTarget+", "+s.FieldCommentTargetID, "")
	c.AddIndex("idx_comments_parent", false, s.FieldCommentParent, "")
	c.AddIndex("idx_comments_author", false, s.FieldAuthor, "")
	return app.Save(c)
}
