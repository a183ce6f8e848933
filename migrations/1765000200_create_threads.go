package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// threads: forum threads about a theme (categories) or within a community, content-like.
func init() {
	m.Register(createThreads, dropCollections(s.Threads))
}

func createThreads(app core.App) error {
	r, err := findRefs(app)
	if err != nil {
		return err
	}
	c := newDiscussion(s.Threads, r)
	c.Fields.Add(&core.RelationField{Name: s.FieldThreadCategories, CollectionId: r.categories, MaxSelect: 5})
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_threads_community", false, s.FieldCommunity, "")
	return app.Save(c)
}
