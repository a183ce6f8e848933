package mobilesync

// Pull-side internals the external tests (package mobilesync_test) drive directly.
var (
	DecodeCursorForTest    = decodeCursor
	PruneTombstonesForTest = pruneTombstones
	PruneDailyForTest      = pruneDaily
)

// CursorForTest is the decoded form of a cursor.
type CursorForTest = cursor

// EncodeCursorForTest makes the opaque form of a cursor.
func EncodeCursorForTest(epoch string, seq int64, scope string) string {
	return encodeCursor(cursor{Epoch: epoch, Seq: seq, Scope: scope})
}
