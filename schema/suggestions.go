package schema

// Suggested edits (governance/suggestions): a person who may read a record but not change it
// proposes new values; the record's author or a moderator accepts them field by field or
// declines them with a reason.
const (
	Suggestions = "suggestions"

	// FieldSuggestionCollection and FieldSuggestionRecord name the record the suggestion is
	// about: a collection of SuggestionTargets and the id of one of its records.
	FieldSuggestionCollection = "collection"
	FieldSuggestionRecord     = "recordId"
	// FieldSuggestionFields holds the proposed values, by field name.
	FieldSuggestionFields = "fields"
	// FieldSuggestionSeen holds the values of those fields as the person saw them.
	FieldSuggestionSeen    = "seen"
	FieldSuggestionComment = "comment"
	// FieldSuggestionStatus is one of the SuggestionStatus* values.
	FieldSuggestionStatus = "status"
	// FieldSuggestionReason is why a suggestion was declined (or only partly accepted).
	FieldSuggestionReason = "reason"
	// FieldSuggestionDecidedBy is the user who accepted or declined it.
	FieldSuggestionDecidedBy = "decidedBy"
	// FieldSuggestionDecided lists the fields that were accepted.
	FieldSuggestionDecided = "decided"
	// FieldSuggestionTargetAuthor copies the target's author, so that the rules let them read
	// the suggestions made on their record.
	FieldSuggestionTargetAuthor = "targetAuthor"
)

// Statuses of a suggestion.
const (
	SuggestionPending        = "pending"
	SuggestionAccepted       = "accepted"
	SuggestionPartlyAccepted = "partlyAccepted"
	SuggestionDeclined       = "declined"
)

// SuggestionTargets are the collections whose records may receive suggested edits.
var SuggestionTargets = []string{Organisations, Initiatives, Events, Offers, Threads}
