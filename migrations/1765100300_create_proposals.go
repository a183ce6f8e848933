package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// proposals, amendments, votes and voteRoll (governance/proposals), and the users' college.
// Ballots (votes) and the roll have no API rules at all: they are written and read only by
// the proposals' routes, so that a secret ballot never meets its voter through the API.
func init() {
	m.Register(createProposals, dropProposals)
}

func createProposals(app core.App) error {
	r, err := findRefs(app)
	if err != nil {
		return err
	}
	p, err := buildProposals(app, r)
	if err != nil {
		return err
	}
	for _, build := range []func(string) *core.Collection{buildAmendments, buildVotes, buildVoteRoll} {
		if err := app.Save(build(p.Id)); err != nil {
			return err
		}
	}
	return addUserCollege(app)
}

func buildProposals(app core.App, r refs) (*core.Collection, error) {
	c := core.NewBaseCollection(s.Proposals)
	c.ListRule, c.ViewRule = rule(proposalsRead), rule(proposalsRead)
	c.CreateRule, c.UpdateRule, c.DeleteRule = rule(proposalsCreate), rule(proposalsUpdate), rule(proposalsDelete)
	c.Fields.Add(
		&core.TextField{Name: s.FieldProposalTitle, Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: s.FieldProposalText, Max: 20000},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true},
		&core.RelationField{Name: s.FieldCommunity, CollectionId: r.communities, MaxSelect: 1},
		&core.SelectField{Name: s.FieldProposalPhase, Required: true, MaxSelect: 1, Values: s.ProposalPhases},
		&core.DateField{Name: s.FieldProposalConsultationEnd},
		&core.DateField{Name: s.FieldProposalVoteEnd},
		&core.SelectField{Name: s.FieldProposalMethod, Required: true, MaxSelect: 1,
			Values: []string{s.MethodApproval, s.MethodMajorityJudgement}},
		&core.JSONField{Name: s.FieldProposalOptions, Required: true, MaxSize: 20000},
		&core.BoolField{Name: s.FieldProposalSecret},
		&core.BoolField{Name: s.FieldProposalColleges},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_proposals_phase", false, s.FieldProposalPhase, "")
	c.AddIndex("idx_proposals_author", false, s.FieldAuthor, "")
	return c, app.Save(c)
}

func buildAmendments(proposals string) *core.Collection {
	c := core.NewBaseCollection(s.Amendments)
	c.ListRule, c.ViewRule = rule(amendmentsRead), rule(amendmentsRead)
	c.CreateRule, c.UpdateRule, c.DeleteRule = rule(amendmentsCreate), rule(amendmentsUpdate), rule(amendmentsDelete)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldAmendmentProposal, CollectionId: proposals, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true},
		&core.TextField{Name: s.FieldAmendmentText, Required: true, Max: 5000},
		&core.SelectField{Name: s.FieldAmendmentStatus, Required: true, MaxSelect: 1,
			Values: []string{s.AmendmentProposed, s.AmendmentAccepted, s.AmendmentDeclined}},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_amendments_proposal", false, s.FieldAmendmentProposal, "")
	return c
}

// buildVotes: the ballots. No autodate field (no precise time), no rule (routes only). One
// ballot per voter and proposal for open ballots by a unique index; secret ballots have no
// voter and are one per person through the roll's unique index.
func buildVotes(proposals string) *core.Collection {
	c := core.NewBaseCollection(s.Votes)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldBallotProposal, CollectionId: proposals, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.JSONField{Name: s.FieldBallotChoices, Required: true, MaxSize: 20000},
		&core.RelationField{Name: s.FieldBallotVoter, CollectionId: "_pb_users_auth_", MaxSelect: 1},
		&core.TextField{Name: s.FieldBallotCollege, Max: 40},
		&core.TextField{Name: s.FieldBallotReceiptHash, Max: 64, Hidden: true},
	)
	c.AddIndex("idx_votes_voter", true, s.FieldBallotProposal+", "+s.FieldBallotVoter, s.FieldBallotVoter+" != ''")
	c.AddIndex("idx_votes_proposal", false, s.FieldBallotProposal, "")
	return c
}

// buildVoteRoll: who voted on which proposal, one row per person and proposal.
func buildVoteRoll(proposals string) *core.Collection {
	c := core.NewBaseCollection(s.VoteRoll)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldBallotProposal, CollectionId: proposals, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: s.FieldBallotVoter, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
	)
	c.AddIndex("idx_voteRoll_voter", true, s.FieldBallotProposal+", "+s.FieldBallotVoter, "")
	return c
}

func addUserCollege(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	users.Fields.Add(&core.SelectField{Name: s.FieldUserCollege, MaxSelect: 1, Values: s.Colleges})
	return app.Save(users)
}

func dropProposals(app core.App) error {
	users, err := app.FindCollectionByNameOrId("users")
	if err == nil {
		users.Fields.RemoveByName(s.FieldUserCollege)
		if err := app.Save(users); err != nil {
			return err
		}
	}
	return dropCollections(s.VoteRoll, s.Votes, s.Amendments, s.Proposals)(app)
}
