package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// posts: an organisation's news, written by its members (organisations.members) or moderators,
// content-like.
func init() {
	m.Register(createPosts, dropCollections(s.Posts))
}

func createPosts(app core.App) error {
	r, err := findRefs(app)
	if err != nil {
		return err
	}
	orgs, err := app.FindCollectionByNameOrId(s.Organisations)
	if err != nil {
		return err
	}
	c := newDiscussion(s.Posts, r)
	c.CreateRule = rule(postsCreate)
	c.UpdateRule = rule(postsUpdate)
	c.Fields.Add(&core.RelationField{Name: s.FieldPostOrganisation, CollectionId: orgs.Id, MaxSelect: 1, Required: true, CascadeDelete: true})
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_posts_organisation", false, s.FieldPostOrganisation, "")
	return app.Save(c)
}
