package server_test

import (
	"net/http"

	s "github.com/maillage/maillage/schema"
)

// This file is the visibility model of DESIGN.md and issue 2, written plainly in Go and
// independently of the rule strings in migrations/rules.go: the matrix compares the two.

// canRead reports whether viewer p may read record r.
//   - authors read all their records, private, pending, rejected and deleted included;
//   - private records are for their author alone, moderators included out;
//   - moderators read every other record, whatever its status;
//   - anyone else reads only published, undeleted records: public ones even anonymously,
//     community ones when signed in, and only as a member when the record names a community.
func canRead(p person, r record, authorID string) bool {
	switch {
	case p.id != "" && p.id == authorID:
		return true
	case r.shape == shapePrivate:
		return false
	case p.role == s.RoleModerator:
		return true
	case r.deleted || r.status != s.StatusPublished:
		return false
	case r.shape == shapePublic:
		return true
	case r.shape == shapeCommunityAll:
		return p.id != ""
	default: // shapeCommunityGroup
		return p.inGroup
	}
}

// canEdit reports whether p may edit or delete r: authors their own records, moderators what
// they can read.
func canEdit(p person, r record, authorID string) bool {
	isAuthor := p.id != "" && p.id == authorID
	return isAuthor || (p.role == s.RoleModerator && canRead(p, r, authorID))
}

// canUpdate reports whether p may update r: who may edit it, and facilitators a published,
// public, undeleted record (issue 10: facilitators edit each other's records directly).
func canUpdate(p person, r record, authorID string) bool {
	return canEdit(p, r, authorID) ||
		(p.role == s.RoleFacilitator && r.shape == shapePublic && r.status == s.StatusPublished && !r.deleted)
}

// canSetStatus reports whether p may change the moderation status of r: moderators only, on
// what they may edit.
func canSetStatus(p person, r record, authorID string) bool {
	return p.role == s.RoleModerator && canEdit(p, r, authorID)
}

// Actions of the matrix.
const (
	actList      = "list"
	actView      = "view"
	actUpdate    = "update"    // PATCH of a plain field (description)
	actSetStatus = "setStatus" // PATCH of status
	actDelete    = "delete"
)

// model is the answers the matrix expects: who may read what, and who may change a record's
// moderation status. strict is the model of DESIGN.md; the negative controls loosen a copy.
type model struct {
	read, setStatus func(p person, r record, authorID string) bool
}

var strict = model{read: canRead, setStatus: canSetStatus}

// statusOf is the HTTP status m expects for a record action. A refused action answers
// PocketBase's 404 when the viewer cannot see the record, so that it does not reveal that it
// exists; on a record they see, Maillage says why: 403 when it is not theirs to change
// (anonymous included), 400 when they may edit it but not the field they sent (status).
func (m model) statusOf(action string, p person, r record, authorID string) int {
	switch {
	case m.allowed(action, p, r, authorID):
		if action == actDelete {
			return http.StatusNoContent
		}
		return http.StatusOK
	case !m.read(p, r, authorID):
		return http.StatusNotFound
	case !canUpdate(p, r, authorID) || (action == actDelete && !canEdit(p, r, authorID)):
		return http.StatusForbidden
	default:
		return http.StatusBadRequest
	}
}

// allowed applies m to one record action.
func (m model) allowed(action string, p person, r record, authorID string) bool {
	switch action {
	case actView:
		return m.read(p, r, authorID)
	case actUpdate:
		return canUpdate(p, r, authorID)
	case actDelete:
		return canEdit(p, r, authorID)
	case actSetStatus:
		return m.setStatus(p, r, authorID)
	}
	panic("unknown action " + action)
}
