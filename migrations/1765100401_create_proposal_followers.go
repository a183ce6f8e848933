package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// proposalFollowers: a person's explicit choice to follow a proposal or not (governance/
// proposals). No API rules: it is read and written through the follow route only, which
// checks the proposal is readable.
func init() {
	m.Register(createProposalFollowers, dropCollections(s.ProposalFollowers))
}

func createProposalFollowers(app core.App) error {
	proposals, err := app.FindCollectionByNameOrId(s.Proposals)
	if err != nil {
		return err
	}
	c := core.NewBaseCollection(s.ProposalFollowers)
	c.Fields.Add(
		&core.RelationField{Name: s.FieldFollowerProposal, CollectionId: proposals.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: s.FieldFollowerUser, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.BoolField{Name: s.FieldFollowerFollow},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_proposalFollowers_user", true, s.FieldFollowerProposal+", "+s.FieldFollowerUser, "")
	return app.Save(c)
}
