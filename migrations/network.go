package migrations

import s "github.com/maillage/maillage/schema"

// Rules of links (package network). A link is proposed by someone who may edit its source node
// (the network package checks it on every create, since a create rule only sees the request
// body) and confirmed or declined by someone who may edit its target node; fromEditors,
// toEditors and nodesPublic are the nodes' copies the network package keeps in step. A link is
// read by its author, by both sides (unless it is its author's private note), by moderators
// (private ones aside) and, once confirmed between two public nodes, as its own visibility
// allows. While proposed, the source side rewrites it and the target side decides; the ends
// never change. Either side, or a moderator, removes it.
const (
	// Editors are compared by ".id": PocketBase v0.39.11 never matches the bare
	// "fromEditors ?= @request.auth.id" of a multiple relation (the rule matrix shows it).
	linkFromEditor = `(@request.auth.id != "" && ` + s.FieldLinkFromEditors + `.id ?= @request.auth.id)`
	linkToEditor   = `(@request.auth.id != "" && ` + s.FieldLinkToEditors + `.id ?= @request.auth.id)`

	// linkSides: the editors of either node, for a link that is not its author's private note.
	linkSides = `(visibility != "private" && (` + linkFromEditor + ` || ` + linkToEditor + `))`

	// linkPublished: a confirmed link between public nodes, as its own visibility allows.
	linkPublished = `(status = "confirmed" && ` + s.FieldLinkNodesPublic + ` = true && (visibility = "public" || ` + ruleCommunityReader + `))`

	linksRead   = ruleAuthor + ` || ` + linkSides + ` || ` + ruleModeratorReach + ` || ` + linkPublished
	linksCreate = ruleSignedIn + ` && author = @request.auth.id && status = "proposed"` +
		` && (community = "" || ` + ruleMember + ` || ` + ruleModerator + `)`

	// linkFrozen: what no update changes, its ends, author and community.
	linkFrozen = `@request.body.author:changed = false && @request.body.community:changed = false` +
		` && @request.body.fromCollection:changed = false && @request.body.fromId:changed = false` +
		` && @request.body.toCollection:changed = false && @request.body.toId:changed = false`

	// linkDecision: the target side confirms or declines, and changes nothing else. (An empty
	// body passes every update rule of a record one may change: hooks/refusals.go assumes it.)
	linkDecision = `(visibility != "private" && ` + linkToEditor +
		` && (@request.body.status:isset = false || @request.body.status = "confirmed" || @request.body.status = "declined")` +
		` && @request.body.type:changed = false && @request.body.directed:changed = false` +
		` && @request.body.start:changed = false && @request.body.visibility:changed = false` +
		` && @request.body.description:changed = false)`

	// linkRewrite: the source side rewrites its proposal, not its status.
	linkRewrite = `((` + ruleAuthor + ` || ` + linkFromEditor + `) && @request.body.status:changed = false)`

	linksUpdate = `status = "proposed" && ` + linkFrozen + ` && (` + linkDecision + ` || ` + linkRewrite + `)`
	linksDelete = ruleAuthor + ` || ` + linkSides + ` || ` + ruleModeratorReach
)
