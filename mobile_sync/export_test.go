package mobilesync

// Internals the external tests (package mobilesync_test) reach: the push decoder for the fuzz
// target, the text merge the invariant checker replays, and the row cache's name of sync rows.
var (
	DecodePush = decodePush
	MergeText  = mergeText
)

const FormSync = formSync
