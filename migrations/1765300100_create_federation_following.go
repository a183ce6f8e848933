package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// federationFollowing: the remote actors the territory follows (package federation).
// Moderators read them and add one by its target alone (the server resolves it, sends the
// Follow and sets the rest); superusers manage them in the dashboard, deleting one to unfollow.
func init() {
	m.Register(createFederationFollowing, dropCollections(s.FederationFollowing))
}

// followingCreate: a moderator names the target; every other field is the server's.
const followingCreate = ruleModerator +
	` && (@request.body.state:isset = false || @request.body.state = "pending")` +
	` && @request.body.actor:isset = false && @request.body.inbox:isset = false` +
	` && @request.body.follow:isset = false && @request.body.source:isset = false` +
	` && @request.body.message:isset = false && @request.body.stateAt:isset = false`

func createFederationFollowing(app core.App) error {
	f := s.FollowingFields
	c := core.NewBaseCollection(s.FederationFollowing)
	c.ListRule, c.ViewRule = rule(ruleModerator), rule(ruleModerator)
	c.CreateRule = rule(followingCreate)
	c.Fields.Add(
		&core.TextField{Name: f.Target, Required: true, Max: 2000, Presentable: true},
		&core.URLField{Name: f.Actor},
		&core.URLField{Name: f.Inbox},
		&core.TextField{Name: f.Follow, Max: 2000},
		&core.SelectField{Name: f.State, MaxSelect: 1, Values: []string{s.FollowPending, s.FollowAccepted, s.FollowRefused}},
		&core.DateField{Name: f.StateAt},
		&core.TextField{Name: f.Source, Max: 200},
		&core.TextField{Name: f.Message, Max: 2000},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_federationFollowing_target", true, f.Target, "")
	c.AddIndex("idx_federationFollowing_actor", false, f.Actor, "")
	return app.Save(c)
}
