package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// moderationVotes: community validation. A trusted member votes to validate or refuse a
// pending contribution they can read; a moderator's vote decides at once, and also reviews
// reported items (governance/moderation checks trust and targets, and decides). One vote per
// person and record; votes are read by their voter and by moderators, withdrawn by their voter.
func init() {
	m.Register(createModerationVotes, dropCollections(s.ModerationVotes))
}

const (
	ruleVoter  = `(@request.auth.id != "" && voter = @request.auth.id)`
	votesRead  = `(` + ruleVoter + ` || ` + ruleModerator + `)`
	votesWrite = ruleSignedIn + ` && voter = @request.auth.id`
)

func createModerationVotes(app core.App) error {
	c := core.NewBaseCollection(s.ModerationVotes)
	c.ListRule = rule(votesRead)
	c.ViewRule = rule(votesRead)
	c.CreateRule = rule(votesWrite)
	c.DeleteRule = rule(ruleVoter)
	c.Fields.Add(
		&core.SelectField{Name: s.FieldTargetCollection, Required: true, MaxSelect: 1, Values: s.ReportTargets},
		&core.TextField{Name: s.FieldTargetRecordID, Required: true, Max: 15, Pattern: `^[a-z0-9]+$`},
		&core.RelationField{Name: s.FieldVoteVoter, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.SelectField{Name: s.FieldVoteValue, Required: true, MaxSelect: 1, Values: []string{s.VoteValidate, s.VoteRefuse}},
		&core.TextField{Name: s.FieldReason, Max: 1000},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_moderationVotes_once", true, s.FieldTargetCollection+", "+s.FieldTargetRecordID+", "+s.FieldVoteVoter, "")
	return app.Save(c)
}
