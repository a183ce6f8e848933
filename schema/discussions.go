package schema

// Collections of comments, forums and news (community/discussions).
const (
	Threads  = "threads"
	Comments = "comments"
	Posts    = "posts"
)

// Fields of threads, comments and posts (the content-like fields are the common constants).
const (
	FieldDiscussionTitle     = "title"
	FieldDiscussionText      = "text"
	FieldThreadCategories    = "categories"
	FieldPostOrganisation    = "organisation"
	FieldOrganisationMembers = "members"

	// FieldCommentTarget and FieldCommentTargetID name what a comment is about: a collection
	// of CommentTargets and the id of one of its records.
	FieldCommentTarget   = "collection"
	FieldCommentTargetID = "recordId"
	// FieldCommentParent is the top-level comment a reply answers; empty for a top-level one.
	FieldCommentParent = "parent"

	// The target's author, status and deleted flag, copied into each of its comments (with its
	// visibility and community) so that the comments' rules follow the target's readability.
	FieldCommentTargetAuthor  = "targetAuthor"
	FieldCommentTargetStatus  = "targetStatus"
	FieldCommentTargetDeleted = "targetDeleted"
)

// CommentTargets are the collections whose records may be commented on (a proposal during its
// consultation only).
var CommentTargets = []string{Initiatives, Events, Offers, Organisations, Threads, Proposals}
