package discussions_test

import (
	"net/http"

	s "github.com/maillage/maillage/schema"
)

// The visibility model of DESIGN.md and issue 9, written plainly in Go and independently of
// the rule strings of migrations/discussions.go: the matrix compares the two.

// Actions of the matrix.
const (
	actList      = "list"
	actView      = "view"
	actUpdate    = "update"    // PATCH of the text
	actSetStatus = "setStatus" // PATCH of status
	actDelete    = "delete"
	actCreate    = "create"
)

// model is the answers the matrix expects; strict is the model of the issue and the negative
// controls loosen a copy of it.
type model struct {
	// readTarget decides whether p reads target for its comments' rules, readNew whether p
	// reads it when commenting (the target's own rule); both are readContent in strict.
	readTarget, readNew func(p person, target *rec) bool
	readContent         func(p person, r *rec) bool
	createPost          func(p person) bool
}

var strict = model{readTarget: readContent, readNew: readContent, readContent: readContent, createPost: orgMember}

// readContent: authors read all their records; private records are for their author alone;
// moderators read every other record; anyone else reads published, undeleted records: public
// ones even anonymously, community ones when signed in and, when the record names a community,
// only as one of its members.
func readContent(p person, r *rec) bool {
	switch {
	case p.id != "" && p.id == r.author:
		return true
	case r.vis == s.VisibilityPrivate:
		return false
	case p.role == s.RoleModerator:
		return true
	case r.deleted || r.status != s.StatusPublished:
		return false
	case r.vis == s.VisibilityPublic:
		return true
	default:
		return p.id != "" && (!r.group || p.inGroup)
	}
}

// orgMember: posts are written by the organisation's members and moderators.
func orgMember(p person) bool { return p.inOrg || p.role == s.RoleModerator }

// reads applies m: a comment is read by who reads its target (as the comments' rules see it)
// and, as content, is its author's, a moderator's, or published and undeleted.
func (m model) reads(p person, r *rec) bool {
	if r.target == nil {
		return m.readContent(p, r)
	}
	own := (p.id != "" && p.id == r.author) || p.role == s.RoleModerator || (r.status == s.StatusPublished && !r.deleted)
	return m.readTarget(p, r.target) && own
}

// edits: the author and moderators change and delete what they read. It follows the strict
// model whatever m: the negative controls loosen read rules only, and a record a loosened
// read rule opens is then seen but not theirs to change (403 instead of 404).
func edits(p person, r *rec) bool {
	return strict.reads(p, r) && ((p.id != "" && p.id == r.author) || p.role == s.RoleModerator)
}

// statusOf is the HTTP status m expects for action on r by p: the record is hidden (404) from
// who cannot read it, not theirs (403) to who reads but may not change it, and its status is
// a moderator's field (400 for its author).
func (m model) statusOf(action string, p person, r *rec) int {
	var ok bool
	switch action {
	case actView:
		ok = m.reads(p, r)
	case actUpdate, actDelete:
		ok = edits(p, r)
	case actSetStatus:
		ok = edits(p, r) && p.role == s.RoleModerator
	}
	switch {
	case ok && action == actDelete:
		return http.StatusNoContent
	case ok:
		return http.StatusOK
	case !m.reads(p, r):
		return http.StatusNotFound
	case !edits(p, r):
		return http.StatusForbidden
	}
	return http.StatusBadRequest
}

// creates reports whether p may create a record of coll (a comment on target, a thread in
// the group when group): signed in, a member of the community named, an organisation's member
// for its posts, a reader of a comment's target.
func (m model) creates(p person, coll string, target *rec, group bool) bool {
	switch {
	case p.id == "":
		return false
	case coll == s.Comments:
		return m.readNew(p, target)
	case coll == s.Posts:
		return m.createPost(p)
	}
	return !group || p.inGroup || p.role == s.RoleModerator
}

// initialStatus is the status of a record p creates: published for facilitators and
// moderators, pending for residents.
func initialStatus(p person) string {
	if p.role == s.RoleModerator || p.role == s.RoleFacilitator {
		return s.StatusPublished
	}
	return s.StatusPending
}
