package rowcache

import "testing"

// Revs are known only at the mark they were read at: a later mark replaces them, an earlier
// one is not kept, Clear forgets them, and a nil cache knows none.
func TestRevsKnownAtTheirMarkOnly(t *testing.T) {
	c := New(1 << 20)
	c.NoteRev("initiatives", "a", 10, 7)
	c.NoteRev("initiatives", "b", 10, 9)
	if rev, ok := c.Rev("initiatives", []byte("a"), 10); !ok || rev != 7 || c.Mark() != 10 {
		t.Fatalf("rev of a at mark 10: %d, %v (mark %d), want 7", rev, ok, c.Mark())
	}
	for _, miss := range []struct {
		coll, id string
		mark     int64
	}{{"initiatives", "a", 11}, {"initiatives", "a", 9}, {"events", "a", 10}, {"initiatives", "c", 10}} {
		if rev, ok := c.Rev(miss.coll, []byte(miss.id), miss.mark); ok {
			t.Errorf("rev of %s/%s at mark %d: %d, want unknown", miss.coll, miss.id, miss.mark, rev)
		}
	}
	c.NoteRev("initiatives", "a", 9, 3) // an older statement's: not kept
	c.NoteRev("initiatives", "b", 12, 11)
	if _, ok := c.Rev("initiatives", []byte("a"), 12); ok || c.Mark() != 12 {
		t.Errorf("a's rev read at mark 10 still known at mark 12 (mark %d)", c.Mark())
	}
	if rev, ok := c.Rev("initiatives", []byte("b"), 12); !ok || rev != 11 {
		t.Errorf("rev of b at mark 12: %d, %v, want 11", rev, ok)
	}
	c.Clear()
	if _, ok := c.Rev("initiatives", []byte("b"), 12); ok || c.Mark() != 0 {
		t.Error("a rev known after Clear")
	}
	var none *Cache
	none.NoteRev("initiatives", "a", 10, 7)
	if _, ok := none.Rev("initiatives", []byte("a"), 10); ok || none.Mark() != 0 {
		t.Error("a nil cache knows a rev")
	}
}
