package migrations

import s "github.com/maillage/maillage/schema"

// Rules of suggested edits (governance/suggestions). Facilitators edit published public content
// directly; everybody else who may read a record suggests. A suggestion is read by its author,
// the target's author (copied into targetAuthor by a model hook), facilitators and moderators;
// it is created pending by its own author (the model hook checks they may read the target but
// not change it), deleted by its author while pending, and decided only through the
// accept/decline endpoints (no update rule: superusers and the server alone).
const (
	ruleFacilitator = `@request.auth.role = "facilitator"`

	// ruleFacilitatorReach: a facilitator edits published, public, not deleted records.
	ruleFacilitatorReach = `(` + ruleFacilitator + ` && deleted = false && status = "published" && visibility = "public")`

	contentUpdateShared = `(` + ruleAuthor + ` || ` + ruleModeratorReach + ` || ` + ruleFacilitatorReach + `)` +
		` && @request.body.author:changed = false` +
		` && (@request.body.status:changed = false || ` + ruleModerator + `)` +
		` && @request.body.source:changed = false && @request.body.externalId:changed = false`

	suggestionsRead = `(` + ruleAuthor + ` || (@request.auth.id != "" && ` + s.FieldSuggestionTargetAuthor + ` = @request.auth.id) || ` +
		ruleModerator + ` || ` + ruleFacilitator + `)`
	suggestionsCreate = ruleSignedIn + ` && author = @request.auth.id` +
		` && (@request.body.status:isset = false || @request.body.status = "pending")` +
		` && (@request.body.reason:isset = false || @request.body.reason = "")` +
		` && (@request.body.decidedBy:isset = false || @request.body.decidedBy = "")` +
		` && (@request.body.decided:isset = false)`
	suggestionsDelete = ruleAuthor + ` && status = "pending"`

	// suggestionsDecide (migration 1765100402): a pending suggestion is decided by an update —
	// a sync push from a device that decided offline — by the target's author or a moderator,
	// changing only status (to a decision), decided and reason; governance/suggestions applies
	// it as the accept and decline routes do (and refuses a moderator on a private record, and
	// an update that leaves the status pending). The rule passes an empty body, as
	// hooks/refusals.go assumes of update rules.
	suggestionsDecide = ruleSignedIn + ` && status = "pending" && (` + s.FieldSuggestionTargetAuthor + ` = @request.auth.id || ` + ruleModerator + `)` +
		` && (@request.body.status:isset = false || @request.body.status = "accepted" || @request.body.status = "partlyAccepted" || @request.body.status = "declined")` +
		` && @request.body.author:changed = false && @request.body.collection:changed = false && @request.body.recordId:changed = false` +
		` && @request.body.fields:changed = false && @request.body.seen:changed = false && @request.body.comment:changed = false` +
		` && @request.body.` + s.FieldSuggestionTargetAuthor + `:changed = false`
)
