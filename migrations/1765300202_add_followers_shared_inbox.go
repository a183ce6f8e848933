package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// federationFollowers gains sharedInbox: followers that share an inbox (a server's
// endpoints.sharedInbox) are delivered an activity once.
func init() {
	m.Register(addFollowersSharedInbox, removeFollowersSharedInbox)
}

func addFollowersSharedInbox(app core.App) error {
	c, err := app.FindCollectionByNameOrId(s.FederationFollowers)
	if err != nil {
		return err
	}
	c.Fields.Add(&core.URLField{Name: s.FollowerSharedInbox})
	return app.Save(c)
}

func removeFollowersSharedInbox(app core.App) error {
	c, err := app.FindCollectionByNameOrId(s.FederationFollowers)
	if err != nil {
		return err
	}
	c.Fields.RemoveByName(s.FollowerSharedInbox)
	return app.Save(c)
}
