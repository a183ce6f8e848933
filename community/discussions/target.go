package discussions

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"

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

// copyTarget writes into comment what its rules read of target.
func copyTarget(comment, target *core.Record) {
	for _, f := range copied {
		comment.Set(f[1], target.Get(f[0]))
	}
}

// targetChanged reports whether a target's update changes what its comments carry.
func targetChanged(target *core.Record) bool {
	orig := target.Original()
	for _, f := range copied {
		if orig.GetString(f[0]) != target.GetString(f[0]) {
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
