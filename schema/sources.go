package schema

// Collections of scheduled sources: the connectors that import other databases, and the record
// of each of their runs.
const (
	Sources    = "sources"
	ImportRuns = "importRuns"
)

// sources fields. The name is the provenance key: it is written into the source field of every
// record the source imports.
const (
	FieldSourceName         = "name"
	FieldSourceFormat       = "format"
	FieldSourceURL          = "url"
	FieldSourceFile         = "file"
	FieldSourceCollection   = "collection"
	FieldSourceSchedule     = "schedule"
	FieldSourceMapping      = "mapping"
	FieldSourceLicence      = "licence"
	FieldSourceAttribution  = "attribution"
	FieldSourceEnabled      = "enabled"
	FieldSourceETag         = "etag"
	FieldSourceLastModified = "lastModified"
	FieldSourceLastRunAt    = "lastRunAt"
)

// SourceFormats are the formats a source may be read in (interop/formats names them the same).
var SourceFormats = []string{"geojson", "csv", "gogocarto", "ics", "jsonld"}

// SourceCollections are the collections a source may fill.
var SourceCollections = []string{Initiatives, Events, Organisations}

// importRuns fields: one row per run of a source (created is the common autodate). A failed
// run has a code (an i18n message key, the same in every language) and its message in French.
const (
	FieldRunSource     = "source"
	FieldRunStarted    = "started"
	FieldRunDurationMs = "durationMs"
	FieldRunCreated    = "createdCount"
	FieldRunUpdated    = "updatedCount"
	FieldRunSkipped    = "skippedCount"
	FieldRunDuplicates = "duplicatesCount"
	FieldRunErrors     = "errors"
	FieldRunStatus     = "status"
	FieldRunCode       = "code"
	FieldRunMessage    = "message"
)

// Statuses of an import run: imported, skipped because the source had not changed (HTTP 304,
// or the same uploaded file), or failed as a whole (its message says why).
const (
	RunOK        = "ok"
	RunUnchanged = "unchanged"
	RunFailed    = "failed"
)
