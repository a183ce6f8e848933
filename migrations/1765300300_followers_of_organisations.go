package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// federationFollowers gains followed: a remote actor follows the territory (empty) or an
// organisation's actor (its id), and may follow several, once each.
func init() {
	m.Register(addFollowersFollowed, removeFollowersFollowed)
}

const followersIndex = "idx_federationFollowers_actor"

func addFollowersFollowed(app core.App) error {
	c, err := app.FindCollectionByNameOrId(s.FederationFollowers)
	if err != nil {
		return err
	}
	c.Fields.Add(&core.TextField{Name: s.FollowerFollowed, Max: 15})
	c.RemoveIndex(followersIndex)
	c.AddIndex(followersIndex, true, s.FollowerFields.Actor+", "+s.FollowerFollowed, "")
	return app.Save(c)
}

func removeFollowersFollowed(app core.App) error {
	c, err := app.FindCollectionByNameOrId(s.FederationFollowers)
	if err != nil {
		return err
	}
	if _, err := app.DB().NewQuery("DELETE FROM {{" + s.FederationFollowers + "}} WHERE [[" + s.FollowerFollowed + "]] != ''").Execute(); err != nil {
		return err
	}
	c.Fields.RemoveByName(s.FollowerFollowed)
	c.RemoveIndex(followersIndex)
	c.AddIndex(followersIndex, true, s.FollowerFields.Actor, "")
	return app.Save(c)
}
