package moderation

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// bindVotes checks every new vote whatever the write path and carries out the decision it
// completes: a moderator's vote decides at once (and is how moderators review reported
// items); Config.ValidationVotes concurring votes of trusted members decide a pending
// contribution.
func bindVotes(app core.App) {
	app.OnRecordValidate(s.ModerationVotes).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.IsNew() {
			if err := checkVote(e.App, e.Record); err != nil {
				return err
			}
		}
		return e.Next()
	})
	app.OnRecordAfterCreateSuccess(s.ModerationVotes).BindFunc(func(e *core.RecordEvent) error {
		if err := tally(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// checkVote: a moderator votes on any record they may review (one they can read, or one
// with open reports, whose excerpt they read); anyone else must be trusted, not its author,
// and the record a pending contribution they can read that reports did not hide.
func checkVote(app core.App, vote *core.Record) error {
	voter, err := app.FindRecordById(s.Users, vote.GetString(s.FieldVoteVoter))
	if err != nil {
		return refusal(s.FieldVoteVoter, codeNotTrusted)
	}
	target, err := targetOf(app, vote)
	if err != nil || target == nil {
		return orRefusal(err, s.FieldTargetRecordID, codeTargetUnreadable)
	}
	if voter.GetString(s.FieldRole) == s.RoleModerator {
		return checkReviewable(app, target, voter)
	}
	return checkCommunityVote(app, target, voter)
}

// checkReviewable lets a moderator decide on what they can read or what was reported.
func checkReviewable(app core.App, target, moderator *core.Record) error {
	ok, err := canRead(app, target, moderator)
	if err != nil || ok {
		return err
	}
	reports, err := openReports(app, target.Collection().Name, target.Id)
	if err != nil || len(reports) > 0 {
		return err
	}
	return refusal(s.FieldTargetRecordID, codeTargetUnreadable)
}

// checkCommunityVote holds the conditions of a trusted member's vote.
func checkCommunityVote(app core.App, target, voter *core.Record) error {
	trusted, err := IsTrusted(app, voter.Id)
	if err != nil || !trusted {
		return orRefusal(err, s.FieldVoteVoter, codeNotTrusted)
	}
	if ok, err := mayValidate(app, target, voter); err != nil || !ok {
		return orRefusal(err, s.FieldTargetRecordID, codeTargetUnreadable)
	}
	if target.GetString(s.FieldAuthor) == voter.Id {
		return refusal(s.FieldTargetRecordID, codeOwn)
	}
	hidden, err := hiddenByReports(app, target.Collection().Name, target.Id)
	if err != nil || hidden || isMessage(target) || target.GetString(s.FieldStatus) != s.StatusPending {
		return orRefusal(err, s.FieldTargetRecordID, codeNotPending)
	}
	return nil
}

// orRefusal is err when there is one, the refusal code on field otherwise.
func orRefusal(err error, field, code string) error {
	if err != nil {
		return err
	}
	return refusal(field, code)
}

// tally carries out the decision vote completes, if any.
func tally(app core.App, vote *core.Record) error {
	return app.RunInTransaction(func(tx core.App) error {
		target, err := targetOf(tx, vote)
		if err != nil || target == nil {
			return err
		}
		if d, ok := moderatorDecision(tx, vote, target); ok {
			return apply(tx, d)
		}
		d, ok, err := communityDecision(tx, vote, target)
		if err != nil || !ok {
			return err
		}
		return apply(tx, d)
	})
}

// moderatorDecision is the decision of a moderator's vote.
func moderatorDecision(tx core.App, vote, target *core.Record) (decision, bool) {
	voter, err := tx.FindRecordById(s.Users, vote.GetString(s.FieldVoteVoter))
	if err != nil || voter.GetString(s.FieldRole) != s.RoleModerator {
		return decision{}, false
	}
	return decision{target: target, validate: vote.GetString(s.FieldVoteValue) == s.VoteValidate,
		actor: voter.Id, actorKind: s.ActorModerator, reason: vote.GetString(s.FieldReason)}, true
}

// communityDecision is the decision of the votes on target once one side has enough.
func communityDecision(tx core.App, vote, target *core.Record) (decision, bool, error) {
	same, err := tx.FindAllRecords(s.ModerationVotes, dbxHash(s.FieldTargetCollection, target.Collection().Name,
		s.FieldTargetRecordID, target.Id, s.FieldVoteValue, vote.GetString(s.FieldVoteValue)))
	if err != nil || len(same) < configOf(tx).ValidationVotes {
		return decision{}, false, err
	}
	voters, reasons := []string{}, []string{}
	for _, v := range same {
		voters = append(voters, v.GetString(s.FieldVoteVoter))
		if r := v.GetString(s.FieldReason); r != "" {
			reasons = append(reasons, r)
		}
	}
	return decision{target: target, validate: vote.GetString(s.FieldVoteValue) == s.VoteValidate, actorKind: s.ActorCommunity,
		reason: strings.Join(reasons, "\n"), details: map[string]any{"voters": voters}}, true, nil
}
