// Package rowcache keeps records as an endpoint writes them (a sync row, a GeoJSON feature),
// each with the version it was written at, so that the next reader of an unchanged record
// copies its bytes instead of reading and writing its columns again. A thousand devices taking
// the same territory's snapshot, or pulling the same change after a poke, then cost one render
// of each record.
//
// The version is the record's seq in the sync change log, which SQLite's triggers move on
// every insert, update and delete in the writing transaction, whatever wrote: an entry is
// served only to a reader that read the same seq in its own read transaction (or statement).
// Callers never use it inside a write transaction, whose seqs may roll back and be handed out
// again. A form's bytes must not depend on who reads them (no per-viewer field); the Key's
// Schema changes whenever the collection's fields do.
package rowcache

import (
	"bytes"

	"github.com/maypok86/otter/v2"
	"github.com/pocketbase/pocketbase/core"
)

// Key names one record in one written form.
type Key struct {
	Form   string // the writer: "sync", "feature"…
	Schema string // the collection's id and the time its schema was saved (Schema)
	ID     string // the record's id
}

// entry is a record's bytes and the seq they were written at.
type entry struct {
	rev  int64
	body []byte
}

// entryOverhead approximates an entry's memory beyond its body (key strings, node, map slot).
const entryOverhead = 160

// Cache is a size-bounded cache of written records, safe for concurrent use. A nil *Cache is
// valid and keeps nothing.
type Cache struct {
	c    *otter.Cache[Key, entry]
	revs revs // marks.go
}

// New returns a cache that holds at most about maxBytes of records; nil when maxBytes is 0.
func New(maxBytes uint64) *Cache {
	if maxBytes == 0 {
		return nil
	}
	return &Cache{c: otter.Must(&otter.Options[Key, entry]{
		MaximumWeight: maxBytes,
		Weigher: func(k Key, e entry) uint32 {
			return uint32(min(len(k.Form)+len(k.Schema)+len(k.ID)+len(e.body)+entryOverhead, 1<<31))
		},
	})}
}

// Get returns the bytes of k written at rev, if the cache has them.
func (c *Cache) Get(k Key, rev int64) ([]byte, bool) {
	if c == nil || rev <= 0 {
		return nil, false
	}
	e, ok := c.c.GetIfPresent(k)
	if !ok || e.rev != rev {
		return nil, false
	}
	return e.body, true
}

// Put keeps a copy of body as k written at rev (a positive seq; others are not kept). Callers
// must not modify what Get returns.
func (c *Cache) Put(k Key, rev int64, body []byte) {
	if c == nil || rev <= 0 || body == nil {
		return
	}
	c.c.Set(k, entry{rev: rev, body: bytes.Clone(body)})
}

// Clear drops every record: after a backup restore, whose seqs may repeat with other contents.
func (c *Cache) Clear() {
	if c != nil {
		c.c.InvalidateAll()
		c.forgetRevs()
	}
}

// Len returns the number of records kept.
func (c *Cache) Len() int {
	if c == nil {
		return 0
	}
	return c.c.EstimatedSize()
}

// NearlyFull reports whether the cache holds nine tenths of its bound or more (a nil cache
// always does): filling it further ahead of readers would evict what it keeps.
func (c *Cache) NearlyFull() bool {
	return c == nil || c.c.WeightedSize() >= c.c.GetMaximum()/10*9
}

// KeyOf is the key of record id of c written in form.
func KeyOf(form string, c *core.Collection, id string) Key {
	return Key{Form: form, Schema: c.Id + "@" + c.Updated.String(), ID: id}
}
