package schema

// Collections written by the sync push: values that lost a conflict, and offline photos.
const (
	SyncConflicts = "syncConflicts"
	Media         = "media"
)

// syncConflicts fields (author, status, created and updated are the common constants).
const (
	FieldConflictCollection = "collection"
	FieldConflictRecordID   = "recordId"
	FieldConflictKind       = "kind"
	FieldConflictField      = "field"
	FieldConflictClient     = "clientValue"
	FieldConflictServer     = "serverValue"
	FieldConflictMessage    = "message"
	FieldConflictClientID   = "clientId"
	FieldConflictMseq       = "mseq"
	FieldConflictOp         = "op"
)

// Kinds of syncConflicts rows.
const (
	ConflictField            = "field"
	ConflictUpdateOnDeleted  = "updateOnDeleted"
	ConflictDeleteOnModified = "deleteOnModified"
	ConflictRejected         = "rejected"
)

// Statuses of syncConflicts rows: open until its author or a moderator re-applies or
// dismisses the lost value.
const (
	ConflictOpen      = "open"
	ConflictReapplied = "reapplied"
	ConflictDismissed = "dismissed"
)

// media fields: a content-addressed photo uploaded before the mutations that reference it.
const (
	FieldMediaFile             = "file"
	FieldMediaSha256           = "sha256"
	FieldMediaParentCollection = "parentCollection"
	FieldMediaParentID         = "parentId"
)

// MediaMaxBytes is the largest photo a device may upload (it resizes before).
const MediaMaxBytes = 15 << 20
