package proposals

import (
	"encoding/json"
	"net/http"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// PathFollow is the route of a person's following of a proposal: GET answers
// {"following": bool}, PUT with {"follow": bool} sets it (and answers the same).
const PathFollow = "/api/maillage/proposals/{id}/follow"

// Followers returns who follows proposal p: its author, who commented on it, amended it or
// cast an open ballot on it, and who chose to follow it, less who chose not to. A secret
// ballot never makes its voter a follower: nothing here reads the roll or secret ballots.
func Followers(app core.App, p *core.Record) ([]string, error) {
	ids := []string{p.GetString(s.FieldAuthor)}
	for _, q := range implicitFollowers(p) {
		var found []string
		if err := app.DB().Select(q.column).Distinct(true).From(q.table).Where(q.where).Column(&found); err != nil {
			return nil, err
		}
		ids = append(ids, found...)
	}
	choices, err := app.FindAllRecords(s.ProposalFollowers, dbx.HashExp{s.FieldFollowerProposal: p.Id})
	if err != nil {
		return nil, err
	}
	for _, c := range choices {
		ids = choose(ids, c.GetString(s.FieldFollowerUser), c.GetBool(s.FieldFollowerFollow))
	}
	return slices.Compact(sortedNonEmpty(ids)), nil
}

// follower is one query of people who follow a proposal without choosing to.
type follower struct {
	table, column string
	where         dbx.Expression
}

// implicitFollowers: who commented on p, amended it, and (open ballots only) voted on it.
func implicitFollowers(p *core.Record) []follower {
	out := []follower{
		{s.Comments, s.FieldAuthor, dbx.HashExp{s.FieldCommentTarget: s.Proposals, s.FieldCommentTargetID: p.Id}},
		{s.Amendments, s.FieldAuthor, dbx.HashExp{s.FieldAmendmentProposal: p.Id}},
	}
	if !p.GetBool(s.FieldProposalSecret) {
		out = append(out, follower{s.Votes, s.FieldBallotVoter, dbx.And(dbx.HashExp{s.FieldBallotProposal: p.Id},
			dbx.NewExp(s.FieldBallotVoter+" != ''"))})
	}
	return out
}

// choose adds or removes user from ids.
func choose(ids []string, user string, follow bool) []string {
	ids = slices.DeleteFunc(ids, func(id string) bool { return id == user })
	if follow {
		ids = append(ids, user)
	}
	return ids
}

func sortedNonEmpty(ids []string) []string {
	ids = slices.DeleteFunc(ids, func(id string) bool { return id == "" })
	slices.Sort(ids)
	return ids
}

// Follows reports whether user follows p.
func Follows(app core.App, p *core.Record, user string) (bool, error) {
	ids, err := Followers(app, p)
	return slices.Contains(ids, user), err
}

// SetFollow records user's choice to follow p or not.
func SetFollow(app core.App, p *core.Record, user string, follow bool) error {
	rec, err := app.FindFirstRecordByFilter(s.ProposalFollowers, "proposal = {:p} && user = {:u}", dbx.Params{"p": p.Id, "u": user})
	if err != nil {
		c, err := app.FindCollectionByNameOrId(s.ProposalFollowers)
		if err != nil {
			return err
		}
		rec = core.NewRecord(c)
		rec.Set(s.FieldFollowerProposal, p.Id)
		rec.Set(s.FieldFollowerUser, user)
	}
	rec.Set(s.FieldFollowerFollow, follow)
	return app.Save(rec)
}

// serveFollow answers GET and PUT PathFollow for the signed-in requester who may read the
// proposal.
func serveFollow(e *core.RequestEvent) error {
	if e.Auth == nil || e.Auth.Collection().Name != s.Users {
		return errSignIn
	}
	p, err := readable(e)
	if err != nil {
		return err
	}
	if e.Request.Method == http.MethodPut {
		var req struct {
			Follow *bool `json:"follow"`
		}
		if err := json.NewDecoder(e.Request.Body).Decode(&req); err != nil || req.Follow == nil {
			return errBodyInvalid
		}
		if err := SetFollow(e.App, p, e.Auth.Id, *req.Follow); err != nil {
			return err
		}
	}
	following, err := Follows(e.App, p, e.Auth.Id)
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"following": following})
}
