package schema

// ImportStates keeps, per imported record, the values its source gave at the last import, so a
// later import can tell a change upstream from an edit made in Maillage (superusers only).
const ImportStates = "importStates"

// importStates fields (source and externalId are the common constants).
const (
	FieldStateCollection = "collection"
	FieldStateRecord     = "record"
	FieldStateValues     = "values"
	// FieldStateDedupPending is set while the record's duplicates search is not stored yet.
	FieldStateDedupPending = "dedupPending"
)

// FieldRDates is an event's added occurrences (JSON list of instants), beside its rrule and
// exdates.
const FieldRDates = "rdates"
