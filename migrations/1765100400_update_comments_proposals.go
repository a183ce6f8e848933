package migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// comments on proposals: "proposals" joins the targets a comment's collection may name
// (community/discussions copies a proposal's readers into its comments; comments are taken
// during the consultation only).
func init() {
	m.Register(setCommentTargets(s.CommentTargets), setCommentTargets(withoutProposals()))
}

// setCommentTargets returns a migration that sets the collections comments may be about.
func setCommentTargets(values []string) func(core.App) error {
	return func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(s.Comments)
		if err != nil {
			return err
		}
		f, ok := c.Fields.GetByName(s.FieldCommentTarget).(*core.SelectField)
		if !ok {
			return nil
		}
		f.Values = values
		return app.Save(c)
	}
}

// withoutProposals is the list of targets before this migration.
func withoutProposals() []string {
	return slices.DeleteFunc(slices.Clone(s.CommentTargets), func(c string) bool { return c == s.Proposals })
}
