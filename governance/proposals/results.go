package proposals

import (
	"encoding/json"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/proposals/tally"
	s "github.com/maillage/maillage/schema"
)

// Results counts the stored ballots of proposal p by its method (per college and overall when
// it votes by college). Only the ballots' choices and colleges are read.
func Results(app core.App, p *core.Record) (tally.Result, error) {
	options, err := optionsOf(p)
	if err != nil {
		return tally.Result{}, err
	}
	ballots, err := StoredBallots(app, p.Id)
	if err != nil {
		return tally.Result{}, err
	}
	return tally.Count(p.GetString(s.FieldProposalMethod), options, ballots, p.GetBool(s.FieldProposalColleges)), nil
}

// StoredBallots reads the ballots of a proposal, in id order (random ids: no order of casting).
func StoredBallots(app core.App, proposal string) ([]tally.Ballot, error) {
	var rows []struct {
		Choices string `db:"choices"`
		College string `db:"college"`
	}
	err := app.DB().Select("choices", "college").From(s.Votes).
		Where(dbx.HashExp{s.FieldBallotProposal: proposal}).OrderBy("id").All(&rows)
	if err != nil {
		return nil, err
	}
	ballots := make([]tally.Ballot, 0, len(rows))
	for _, r := range rows {
		var c Choices
		if err := json.Unmarshal([]byte(r.Choices), &c); err != nil {
			return nil, err
		}
		ballots = append(ballots, tally.Ballot{Approve: c.Approve, Grades: c.Grades, College: r.College})
	}
	return ballots, nil
}
