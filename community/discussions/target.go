package discussions

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cast"

	s "github.com/maillage/maillage/schema"
)

// copied maps each field of a target its comments carry to the comment field holding it.
var copied = [][2]string{
	{s.FieldVisibility, s.FieldVisibility},
	{s.FieldCommunity, s.FieldCommunity},
	{s.FieldAuthor, s.FieldCommentTargetAuthor},
	{s.FieldStatus, s.FieldCommentTargetStatus},
	{s.FieldDeleted, s.FieldCommentTargetDeleted},
}

// isTarget reports whether records of coll may be commented on.
func isTarget(coll string) bool { return slices.Contains(s.CommentTargets, coll) }

// carried returns what target's comments carry, by comment field. A proposal has no
// visibility, status nor deleted flag: it reads as public without a community and as a
// community's otherwise (its members and moderators), published once out of draft (a draft is
// its author's alone), never deleted — the proposals' own read rule in the comments' terms.
func carried(target *core.Record) map[string]any {
	out := make(map[string]any, len(copied))
	if target.Collection().Name == s.Proposals {
		return proposalCarried(target, out)
	}
	for _, f := range copied {
		out[f[1]] = target.Get(f[0])
	}
	return out
}

// proposalCarried is carried for a proposal.
func proposalCarried(p *core.Record, out map[string]any) map[string]any {
	out[s.FieldVisibility], out[s.FieldCommentTargetStatus] = s.VisibilityPublic, s.StatusPublished
	if p.GetString(s.FieldCommunity) != "" {
		out[s.FieldVisibility] = s.VisibilityCommunity
	}
	if p.GetString(s.FieldProposalPhase) == s.PhaseDraft {
		out[s.FieldCommentTargetStatus] = s.StatusPending
	}
	out[s.FieldCommunity], out[s.FieldCommentTargetAuthor] = p.GetString(s.FieldCommunity), p.GetString(s.FieldAuthor)
	out[s.FieldCommentTargetDeleted] = false
	return out
}

// copyTarget writes into comment what its rules read of target.
func copyTarget(comment, target *core.Record) {
	for field, v := range carried(target) {
		comment.Set(field, v)
	}
}

// targetChanged reports whether a target's update changes what its comments carry.
func targetChanged(target *core.Record) bool {
	before, after := carried(target.Original()), carried(target)
	for field, v := range after {
		if cast.ToString(before[field]) != cast.ToString(v) {
			return true
		}
	}
	return false
}

// sameTarget reports whether two comments are about the same record.
func sameTarget(a, b *core.Record) bool {
	return a.GetString(s.FieldCommentTarget) == b.GetString(s.FieldCommentTarget) &&
		a.GetString(s.FieldCommentTargetID) == b.GetString(s.FieldCommentTargetID)
}

// topOf returns the top-level comment of c's thread: c itself, or the comment it replies to
// (replies are one level deep, so a reply's parent is always a top-level comment).
func topOf(c *core.Record) string {
	if p := c.GetString(s.FieldCommentParent); p != "" {
		return p
	}
	return c.Id
}
