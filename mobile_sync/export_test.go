package mobilesync

// Internals the external tests (package mobilesync_test) reach: the push decoder for the fuzz
// target, and the text merge the invariant checker replays.
var (
	DecodePush = decodePush
	MergeText  = mergeText
)
