// Package migrations holds Maillage's schema and API rules as Go migrations. Each file is one
// intent, named <unix>_<verb>_<noun>.go, and is never edited once released: change the schema
// with a new migration.
package migrations

import "github.com/pocketbase/pocketbase/tools/types"

// The visibility model of DESIGN.md, written once as rule fragments and composed below.
const (
	ruleSignedIn  = `@request.auth.id != ""`
	ruleModerator = `@request.auth.role = "moderator"`
	ruleAuthor    = `(@request.auth.id != "" && author = @request.auth.id)`
	ruleMember    = `community.memberships_via_community.user ?= @request.auth.id`

	// ruleCommunityReader: community records are for signed-in users, or only for the members
	// of the record's community when it has one.
	ruleCommunityReader = `(visibility = "community" && @request.auth.id != "" && (community = "" || ` + ruleMember + `))`

	// ruleOpenToAll: what anyone may read without being the author or a moderator.
	ruleOpenToAll = `(deleted = false && status = "published" && (visibility = "public" || ` + ruleCommunityReader + `))`

	// ruleModeratorReach: moderators see and act on everything except private records.
	ruleModeratorReach = `(` + ruleModerator + ` && visibility != "private")`

	// ruleNoProvenance: source and externalId name the import a record came from (the demo, a
	// connector); requests leave them empty, so that nobody can pass a record off as imported
	// or take the place of one an import will bring.
	ruleNoProvenance = `(@request.body.source:isset = false || @request.body.source = "")` +
		` && (@request.body.externalId:isset = false || @request.body.externalId = "")`

	contentRead   = ruleAuthor + ` || ` + ruleModeratorReach + ` || ` + ruleOpenToAll
	contentCreate = ruleSignedIn + ` && author = @request.auth.id && (community = "" || ` + ruleMember + ` || ` + ruleModerator + `)` +
		` && ` + ruleNoProvenance
	contentUpdate = `(` + ruleAuthor + ` || ` + ruleModeratorReach + `)` +
		` && @request.body.author:changed = false` +
		` && (@request.body.status:changed = false || ` + ruleModerator + `)` +
		` && @request.body.source:changed = false && @request.body.externalId:changed = false`
	contentDelete = ruleAuthor + ` || ` + ruleModeratorReach
)

// Users: profiles are read by their owner, by moderators and as profileVisibility allows;
// nobody raises their own role, moderators toggle residents and facilitators, superusers make
// moderators (superusers bypass rules).
const (
	usersRead = `id = @request.auth.id || profileVisibility = "public" || ` +
		`(profileVisibility = "members" && @request.auth.id != "") || ` + ruleModerator
	usersCreate = `@request.body.role:isset = false || @request.body.role = "resident"`
	usersUpdate = `(id = @request.auth.id && @request.body.role:changed = false) || ` +
		`(` + ruleModerator + ` && id != @request.auth.id && role != "moderator" && ` +
		`(@request.body.role:isset = false || @request.body.role = "resident" || @request.body.role = "facilitator"))`
	usersDelete = `id = @request.auth.id`
)

// Communities are public groups; facilitators and moderators found them, owners run them.
const (
	communitiesCreate = `(@request.auth.role = "facilitator" || ` + ruleModerator + `) && owner = @request.auth.id`
	communitiesManage = `owner = @request.auth.id || ` + ruleModerator
	membershipsRead   = `user = @request.auth.id || community.owner = @request.auth.id || ` + ruleMember + ` || ` + ruleModerator
	membershipsManage = ruleSignedIn + ` && (community.owner = @request.auth.id || ` + ruleModerator + `)`
	membershipsDelete = `user = @request.auth.id || ` + membershipsManage
)

func rule(s string) *string { return types.Pointer(s) }
