package proposals

import (
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/proposals/tally"
	s "github.com/maillage/maillage/schema"
)

// Choices is a ballot's content: {"approve":[optionId,…]} or {"grades":{optionId:0..6}}.
type Choices struct {
	Approve []string       `json:"approve,omitempty"`
	Grades  map[string]int `json:"grades,omitempty"`
}

// Receipt is what a secret ballot's voter keeps on their device: the ballot's id and a token
// whose SHA-256 alone is stored. Changing the ballot needs it.
type Receipt struct {
	ID    string `json:"id"`
	Token string `json:"token"`
}

// Cast records voter's ballot on proposal p (in its vote phase), or changes it. An open ballot
// is found again by its voter; a secret one only by its receipt, and the first secret ballot
// returns a new receipt. The roll notes that voter voted. Ballots and roll rows get random
// rowids, so that neither the table order nor the rowids tell which ballot came when.
func Cast(app core.App, p *core.Record, voter *core.Record, c Choices, receipt *Receipt, now time.Time) (*Receipt, error) {
	if err := checkVoting(p, now); err != nil {
		return nil, err
	}
	if err := checkChoices(p, c); err != nil {
		return nil, err
	}
	college := ""
	if p.GetBool(s.FieldProposalColleges) {
		if college = voter.GetString(s.FieldUserCollege); college == "" {
			return nil, errNoCollege
		}
	}
	var out *Receipt
	err := app.RunInTransaction(func(tx core.App) error {
		voted, err := onRoll(tx, p.Id, voter.Id)
		if err != nil {
			return err
		}
		if p.GetBool(s.FieldProposalSecret) {
			out, err = castSecret(tx, p, voter.Id, voted, c, college, receipt)
			return err
		}
		return castOpen(tx, p, voter.Id, voted, c, college)
	})
	return out, err
}

func checkVoting(p *core.Record, now time.Time) error {
	end := p.GetDateTime(s.FieldProposalVoteEnd)
	if p.GetString(s.FieldProposalPhase) != s.PhaseVote || (!end.IsZero() && !end.Time().After(now)) {
		return errNotVoting
	}
	return nil
}

// checkChoices: approval names known options, each once; majority judgement grades every
// option, and only them, 0..6.
func checkChoices(p *core.Record, c Choices) error {
	options, err := optionsOf(p)
	if err != nil {
		return err
	}
	ids := make([]string, len(options))
	for i, o := range options {
		ids[i] = o.ID
	}
	if p.GetString(s.FieldProposalMethod) == s.MethodApproval {
		return checkApprovals(ids, c)
	}
	if c.Approve != nil || len(c.Grades) != len(ids) {
		return errChoicesInvalid
	}
	for id, g := range c.Grades {
		if !slices.Contains(ids, id) || !tally.ValidGrade(g) {
			return errChoicesInvalid
		}
	}
	return nil
}

func checkApprovals(ids []string, c Choices) error {
	seen := map[string]bool{}
	for _, id := range c.Approve {
		if !slices.Contains(ids, id) || seen[id] {
			return errChoicesInvalid
		}
		seen[id] = true
	}
	if c.Grades != nil || c.Approve == nil {
		return errChoicesInvalid
	}
	return nil
}

func onRoll(app core.App, proposal, voter string) (bool, error) {
	n, err := app.CountRecords(s.VoteRoll, dbx.HashExp{s.FieldBallotProposal: proposal, s.FieldBallotVoter: voter})
	return n > 0, err
}

// castOpen writes or rewrites the voter's open ballot.
func castOpen(tx core.App, p *core.Record, voter string, voted bool, c Choices, college string) error {
	ballot, err := tx.FindFirstRecordByFilter(s.Votes, "proposal = {:p} && voter = {:v}", dbx.Params{"p": p.Id, "v": voter})
	if err != nil {
		if voted {
			return err
		}
		if ballot, err = newBallot(tx, p.Id); err != nil {
			return err
		}
		ballot.Set(s.FieldBallotVoter, voter)
	}
	ballot.Set(s.FieldBallotChoices, c)
	ballot.Set(s.FieldBallotCollege, college)
	return saveBallot(tx, ballot, voted, p.Id, voter)
}

// castSecret writes a new secret ballot (first time) or rewrites the one the receipt names.
func castSecret(tx core.App, p *core.Record, voter string, voted bool, c Choices, college string, receipt *Receipt) (*Receipt, error) {
	if voted {
		if receipt == nil {
			return nil, errReceiptNeeded
		}
		ballot, err := tx.FindFirstRecordByFilter(s.Votes, "id = {:id} && proposal = {:p} && receiptHash = {:h}",
			dbx.Params{"id": receipt.ID, "p": p.Id, "h": hashToken(receipt.Token)})
		if err != nil {
			return nil, errReceiptInvalid
		}
		ballot.Set(s.FieldBallotChoices, c)
		return nil, tx.Save(ballot)
	}
	ballot, err := newBallot(tx, p.Id)
	if err != nil {
		return nil, err
	}
	token := randomHex(32)
	ballot.Set(s.FieldBallotChoices, c)
	ballot.Set(s.FieldBallotCollege, college)
	ballot.Set(s.FieldBallotReceiptHash, hashToken(token))
	return &Receipt{ID: ballot.Id, Token: token}, saveBallot(tx, ballot, false, p.Id, voter)
}

func newBallot(tx core.App, proposal string) (*core.Record, error) {
	c, err := tx.FindCollectionByNameOrId(s.Votes)
	if err != nil {
		return nil, err
	}
	b := core.NewRecord(c)
	b.Set(s.FieldBallotProposal, proposal)
	return b, nil
}
