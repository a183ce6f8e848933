package schema

// Revisions: every change to a content record, whatever wrote it (governance/revisions).
const (
	Revisions = "revisions"

	// FieldRevisionCollection and FieldRevisionRecord name the changed record.
	FieldRevisionCollection = "collection"
	FieldRevisionRecord     = "recordId"
	// FieldRevisionOp is create, update or delete.
	FieldRevisionOp = "op"
	// FieldRevisionAuthor is the person who wrote the change (empty for a source).
	FieldRevisionAuthor = "author"
	// FieldRevisionSource names who else wrote it: an import source, sync, dashboard, merge,
	// revert, system (a server job) or sql (a write outside PocketBase).
	FieldRevisionSource = "source"
	// FieldRevisionChanges is {field: {before, after}} of the changed fields only.
	FieldRevisionChanges = "changes"
	// FieldRevisionRecordAuthor is the changed record's author, copied for the read rules;
	// visibility, community, status and deleted are copied under their usual names and
	// follow the record's current values.
	FieldRevisionRecordAuthor = "recordAuthor"
	// FieldRevisionPending marks, between a write without a request and the next write, a
	// revision the sync may still claim as its own (hidden).
	FieldRevisionPending = "pending"
	// FieldRevisionStamp is the changed row's updated as the trigger saw it (hidden): the
	// hooks find by it the revision of the write they attribute.
	FieldRevisionStamp = "recordUpdated"
)

// Revision ops.
const (
	RevisionCreate = "create"
	RevisionUpdate = "update"
	RevisionDelete = "delete"
)

// Revision sources that are not import sources.
const (
	SourceSync      = "sync"
	SourceDashboard = "dashboard"
	SourceMerge     = "merge"
	SourceRevert    = "revert"
	SourceSystem    = "system"
	SourceSQL       = "sql"
)

// Revised lists the collections whose changes are kept as revisions: the content and the
// discussions that share its read rules (comments follow their target's rules and are not).
var Revised = []string{Organisations, Initiatives, Events, Offers, Threads, Posts, Pages}

// RevisionRestricted lists, per collection, the fields whose before and after only the
// record's author and moderators read in its history (besides the collection's hidden fields):
// the exact location of what others see blurred, and whom an offer is reserved for.
var RevisionRestricted = map[string][]string{
	Offers: {FieldGeo, FieldGeoOverride, FieldReservedFor},
	Users:  {FieldGeo},
}
