package migrations

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Rules of comments, forums and news (community/discussions). Threads and posts follow the
// visibility model exactly as content does (contentRead, contentCreate, ...); posts are written
// by their organisation's members. A comment follows its target: its visibility and community
// are the target's, and targetAuthor, targetStatus and targetDeleted copy the rest of what the
// target's read rule looks at (community/discussions keeps them in step), so that
// commentTargetRead is contentRead over the copies: who cannot read the target can neither read,
// change nor delete its comments. Creating one is checked against the target's own view rule
// by a model hook, since a create rule only sees the request body.
const (
	// postMember: a post is written by a member of its organisation, or by a moderator. The
	// members are compared by ".id": on the would-be row of a create rule, PocketBase v0.39.11
	// never matches the bare "organisation.members ?= ..." (the rule matrix shows it).
	postMember = `(` + s.FieldPostOrganisation + `.` + s.FieldOrganisationMembers + `.id ?= @request.auth.id || ` + ruleModerator + `)`

	postsCreate = contentCreate + ` && ` + postMember
	postsUpdate = contentUpdate + ` && @request.body.` + s.FieldPostOrganisation + `:changed = false`

	// commentTargetRead is contentRead of the comment's target, over the copied fields.
	commentTargetRead = `((@request.auth.id != "" && ` + s.FieldCommentTargetAuthor + ` = @request.auth.id) || ` +
		ruleModeratorReach + ` || (` + s.FieldCommentTargetDeleted + ` = false && ` + s.FieldCommentTargetStatus + ` = "published" && ` +
		`(visibility = "public" || ` + ruleCommunityReader + `)))`

	// commentOwnRead is the comment's own moderation: published and not deleted, or its author's,
	// or a moderator's to see.
	commentOwnRead = `(` + ruleAuthor + ` || ` + ruleModeratorReach + ` || (deleted = false && status = "published"))`

	commentsRead   = commentTargetRead + ` && ` + commentOwnRead
	commentsCreate = ruleSignedIn + ` && author = @request.auth.id`
	commentsUpdate = commentTargetRead + ` && (` + ruleAuthor + ` || ` + ruleModeratorReach + `)` +
		` && @request.body.author:changed = false` +
		` && (@request.body.status:changed = false || ` + ruleModerator + `)` +
		` && @request.body.` + s.FieldCommentTarget + `:changed = false && @request.body.` + s.FieldCommentTargetID + `:changed = false` +
		` && @request.body.` + s.FieldCommentParent + `:changed = false`
	commentsDelete = commentTargetRead + ` && (` + ruleAuthor + ` || ` + ruleModeratorReach + `)`
)

// newDiscussion builds a collection with the content-like fields of the visibility model (no
// place: discussions are not on the map) and the content rules.
func newDiscussion(name string, r refs) *core.Collection {
	c := core.NewBaseCollection(name)
	c.ListRule = rule(contentRead)
	c.ViewRule = rule(contentRead)
	c.CreateRule = rule(contentCreate)
	c.UpdateRule = rule(contentUpdate)
	c.DeleteRule = rule(contentDelete)
	c.Fields.Add(visibilityFields(r)...)
	c.Fields.Add(
		&core.TextField{Name: s.FieldSource, Max: 200},
		&core.TextField{Name: s.FieldExternalID, Max: 200},
		&core.TextField{Name: s.FieldDiscussionTitle, Required: true, Max: 200, Presentable: true},
		&core.TextField{Name: s.FieldDiscussionText, Max: 20000},
	)
	c.AddIndex("idx_"+name+"_author", false, s.FieldAuthor, "")
	c.AddIndex("idx_"+name+"_status", false, s.FieldStatus+", "+s.FieldVisibility, "")
	c.AddIndex("idx_"+name+"_external", true, s.FieldSource+", "+s.FieldExternalID, s.FieldExternalID+" != ''")
	return c
}

// visibilityFields are the fields the visibility model reads: visibility, community, status,
// author and deleted.
func visibilityFields(r refs) []core.Field {
	return []core.Field{
		&core.SelectField{Name: s.FieldVisibility, Values: []string{s.VisibilityPublic, s.VisibilityCommunity, s.VisibilityPrivate}, MaxSelect: 1},
		&core.RelationField{Name: s.FieldCommunity, CollectionId: r.communities, MaxSelect: 1},
		&core.SelectField{Name: s.FieldStatus, Values: []string{s.StatusPending, s.StatusPublished, s.StatusRejected, s.StatusArchived}, MaxSelect: 1},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1},
		&core.BoolField{Name: s.FieldDeleted},
	}
}
