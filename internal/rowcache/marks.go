package rowcache

import "sync"

// The change log's mark is its high-water seq (SQLite's AUTOINCREMENT counter for it), which
// every insert, update and delete of a logged record moves and nothing moves back but a backup
// restore (after which Clear is called). Two statements that read the same mark read the same
// records, so one may take the revs another read: a scan that would look up each row's rev in
// the log (a correlated subquery per row, 40 % of the wide map box's query) reads the mark
// once instead, and takes from here the revs of the rows an earlier scan read at that mark.

// MarkSQL is an SQL expression of the change log's mark, for a statement to read beside its
// rows (SQLite evaluates it once per statement); NULL before the first change.
const MarkSQL = "(SELECT seq FROM sqlite_sequence WHERE name = '_sync_changes')"

// maxRevs bounds the revs remembered at one mark (each costs its id and a few words).
const maxRevs = 1 << 20

// revs are records' revs as read at one mark, by collection and id.
type revs struct {
	mu     sync.Mutex
	mark   int64
	byColl map[string]map[string]int64
	n      int
}

// Mark returns the mark at which the cache knows revs; 0 when it knows none.
func (c *Cache) Mark() int64 {
	if c == nil {
		return 0
	}
	c.revs.mu.Lock()
	defer c.revs.mu.Unlock()
	return c.revs.mark
}

// Rev returns the rev of record id of collection as a statement that read mark read it.
func (c *Cache) Rev(collection string, id []byte, mark int64) (int64, bool) {
	if c == nil || mark <= 0 {
		return 0, false
	}
	c.revs.mu.Lock()
	defer c.revs.mu.Unlock()
	if c.revs.mark != mark {
		return 0, false
	}
	rev, ok := c.revs.byColl[collection][string(id)]
	return rev, ok
}

// NoteRev remembers the rev of record id of collection that a statement read at mark. A later
// mark replaces what was known; an earlier one is not kept.
func (c *Cache) NoteRev(collection, id string, mark, rev int64) {
	if c == nil || mark <= 0 || rev <= 0 {
		return
	}
	c.revs.mu.Lock()
	defer c.revs.mu.Unlock()
	r := &c.revs
	if mark > r.mark {
		r.mark, r.byColl, r.n = mark, map[string]map[string]int64{}, 0
	}
	if mark < r.mark || r.n >= maxRevs {
		return
	}
	ids := r.byColl[collection]
	if ids == nil {
		ids = map[string]int64{}
		r.byColl[collection] = ids
	}
	if _, known := ids[id]; !known {
		r.n++
	}
	ids[id] = rev
}

// forgetRevs drops every rev: the marks of a restored database may repeat.
func (c *Cache) forgetRevs() {
	c.revs.mu.Lock()
	defer c.revs.mu.Unlock()
	c.revs.mark, c.revs.byColl, c.revs.n = 0, nil, 0
}
