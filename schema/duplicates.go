package schema

// Duplicates holds candidate pairs of records that may describe the same place, body or event
// (found by interop/dedup), for moderators to merge or dismiss.
const Duplicates = "duplicates"

// duplicates fields (status, created and updated are the common constants).
const (
	FieldDupCollection = "collection"
	FieldDupRecordA    = "recordA"
	FieldDupRecordB    = "recordB"
	FieldDupScore      = "score"
	FieldDupReasons    = "reasons"
	FieldDupDecidedBy  = "decidedBy"
)

// Statuses of a duplicates pair: open until a moderator merges or dismisses it.
const (
	DupOpen      = "open"
	DupMerged    = "merged"
	DupDismissed = "dismissed"
)

// Fields that merging adds to initiatives, organisations and events: provenance lists every
// source a record's values came from ({source, externalId, licence, attribution}); mergedInto
// points a merged-away record (soft-deleted) at the record it was merged into.
const (
	FieldProvenance = "provenance"
	FieldMergedInto = "mergedInto"
)

// Mergeable lists the collections whose records can be merged.
var Mergeable = []string{Organisations, Initiatives, Events}

// IsMergeable reports whether collection's records can be merged.
func IsMergeable(collection string) bool {
	for _, c := range Mergeable {
		if c == collection {
			return true
		}
	}
	return false
}
