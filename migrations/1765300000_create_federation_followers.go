package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// federationFollowers: the remote actors following the territory (package federation). No API
// rule: only superusers see it, in the dashboard.
func init() {
	m.Register(createFederationFollowers, dropCollections(s.FederationFollowers))
}

func createFederationFollowers(app core.App) error {
	c := core.NewBaseCollection(s.FederationFollowers)
	c.Fields.Add(
		&core.URLField{Name: s.FollowerFields.Actor, Required: true},
		&core.URLField{Name: s.FollowerFields.Inbox, Required: true},
		&core.TextField{Name: s.FollowerFields.Follow, Max: 2000},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_federationFollowers_actor", true, s.FollowerFields.Actor, "")
	return app.Save(c)
}
