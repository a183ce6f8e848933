package mobilesync

import "encoding/json"

// Wire types of the sync contract (docs/sync.md). Field names are part of the public contract:
// the PWA, the reference client and external tests are written against them.

// Protocol is the version of the sync contract this server speaks.
const Protocol = 1

// Info is the answer of GET /api/sync/info.
type Info struct {
	Protocol      int      `json:"protocol"`
	Epoch         string   `json:"epoch"`
	HeadSeq       int64    `json:"headSeq"`
	MinSeq        int64    `json:"minSeq"`
	SchemaVersion string   `json:"schemaVersion"`
	Collections   []string `json:"collections"`
}

// SnapshotRequest is the body of POST /api/sync/snapshot. SnapshotSeq is 0 on the first page;
// later pages repeat the snapshotSeq the first page returned.
type SnapshotRequest struct {
	ClientID    string `json:"clientId"`
	Collection  string `json:"collection"`
	SnapshotSeq int64  `json:"snapshotSeq"`
	AfterID     string `json:"afterId"`
	Limit       int    `json:"limit"`
}

// SnapshotRecord is one row of a snapshot page: R is the record as the REST API serialises it.
type SnapshotRecord struct {
	ID  string          `json:"id"`
	Rev int64           `json:"rev"`
	R   json.RawMessage `json:"r"`
}

// SnapshotResponse is one page of a collection's snapshot, in id order.
type SnapshotResponse struct {
	SnapshotSeq int64            `json:"snapshotSeq"`
	Records     []SnapshotRecord `json:"records"`
	NextAfterID string           `json:"nextAfterId"`
	Done        bool             `json:"done"`
	// Cursor, on the last page only, is where to pull from once the snapshot is done: the
	// position snapshotSeq, for this user.
	Cursor string `json:"cursor,omitempty"`
}

// PullRequest is the body of POST /api/sync/pull. An empty Cursor means "from the start".
type PullRequest struct {
	ClientID    string   `json:"clientId"`
	Cursor      string   `json:"cursor"`
	Limit       int      `json:"limit"`
	Collections []string `json:"collections"`
}

// Change ops in a pull.
const (
	OpPut    = "put"
	OpRemove = "remove"
)

// Change is one record's latest state since the cursor: a put carries the record in R, a
// remove only its id (deleted, or no longer readable by this user).
type Change struct {
	C   string          `json:"c"`
	Op  string          `json:"op"`
	ID  string          `json:"id"`
	Rev int64           `json:"rev"`
	R   json.RawMessage `json:"r,omitempty"`
}

// Reset tells the client to re-snapshot Collections (keeping its outbox), and why.
type Reset struct {
	Collections []string `json:"collections"`
	Reason      string   `json:"reason"`
}

// PullResponse is the answer of POST /api/sync/pull.
type PullResponse struct {
	Cursor          string   `json:"cursor"`
	HasMore         bool     `json:"hasMore"`
	Changes         []Change `json:"changes"`
	Reset           *Reset   `json:"reset"`
	LastMutationSeq int64    `json:"lastMutationSeq"`
}

// Mutation ops in a push.
const (
	OpCreate = "create"
	OpUpdate = "update"
	OpDelete = "delete"
)

// Mutation is one queued client change. Fields holds only the fields the client changed; Base
// holds their values as the client last saw them (for conflict detection and text merge).
type Mutation struct {
	Mseq    int64                      `json:"mseq"`
	C       string                     `json:"c"`
	ID      string                     `json:"id"`
	Op      string                     `json:"op"`
	BaseRev int64                      `json:"baseRev"`
	Base    map[string]json.RawMessage `json:"base"`
	Fields  map[string]json.RawMessage `json:"fields"`
}

// PushRequest is the body of POST /api/sync/push: mutations in mseq order.
type PushRequest struct {
	ClientID  string     `json:"clientId"`
	Mutations []Mutation `json:"mutations"`
}

// Mutation result statuses.
const (
	StatusApplied   = "applied"
	StatusMerged    = "merged"
	StatusConflict  = "conflict"
	StatusRejected  = "rejected"
	StatusDuplicate = "duplicate"
	StatusDeferred  = "deferred"
	// StatusSuggested: an update of a record the user may only read was kept as a suggested
	// edit (Config.OnReadOnlyUpdate); Suggestion names it.
	StatusSuggested = "suggested"
)

// Result is the outcome of one mutation. R is the record after the mutation as this user may
// read it (absent when they may not); Conflicts lists the syncConflicts rows it produced.
type Result struct {
	Mseq      int64           `json:"mseq"`
	Status    string          `json:"status"`
	Rev       int64           `json:"rev"`
	R         json.RawMessage `json:"r,omitempty"`
	Conflicts []ConflictRef   `json:"conflicts,omitempty"`
	Message   string          `json:"message,omitempty"`
	// FieldErrors holds a rejected mutation's validation errors by field, for the form.
	FieldErrors map[string]string `json:"fieldErrors,omitempty"`
	// Suggestion is the id of the suggestion a StatusSuggested update became.
	Suggestion string `json:"suggestion,omitempty"`
	// OriginalStatus is the first outcome of a mutation answered again as a duplicate.
	OriginalStatus string `json:"originalStatus,omitempty"`
}

// ConflictRef points at a syncConflicts row and names the field whose client value lost.
type ConflictRef struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Field string `json:"field,omitempty"`
}

// PushResponse is the answer of POST /api/sync/push.
type PushResponse struct {
	LastMutationSeq int64    `json:"lastMutationSeq"`
	Results         []Result `json:"results"`
}

// PokeTopic is the realtime topic carrying {"headSeq": n} when the change log grows.
const PokeTopic = "sync"

// Poke is the payload of a message on PokeTopic.
type Poke struct {
	HeadSeq int64 `json:"headSeq"`
}
