package geoapi

import (
	"bytes"
	"strconv"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/rowcache"
	mobilesync "github.com/maillage/maillage/mobile_sync"
)

// The columns a cached scan reads each row's change log seq (its rev) and the log's mark into.
const (
	revColumn  = "_geo_rev"
	markColumn = "_geo_mark"
)

// revColumns are the extra columns of a scan that takes the revs the cache knows at mark (the
// mark alone, to check it), or, with mark 0, reads each row's from the log (and the mark, to
// note them at).
func revColumns(c *core.Collection, mark int64) []string {
	cols := []string{rowcache.MarkSQL + " AS " + markColumn}
	if mark == 0 {
		cols = append(cols, mobilesync.RevSQL(c.Name)+" AS "+revColumn)
	}
	return cols
}

// revReader gives the rev of each row a scan reads.
type revReader struct {
	sc              *scan
	collection      string
	cache           *rowcache.Cache
	mark            int64
	markText        []byte // mark as SQLite writes it; nil: the revs are read from the log
	revCol, markCol int
}

func newRevReader(sc *scan, c *core.Collection, cache *rowcache.Cache, mark int64) *revReader {
	r := &revReader{sc: sc, collection: c.Name, cache: cache, mark: mark, revCol: sc.at(revColumn), markCol: sc.at(markColumn)}
	if mark > 0 {
		r.markText = strconv.AppendInt(nil, mark, 10)
	}
	return r
}

// atMark reports whether the row was read at the mark its rev is known at (always true when
// the revs are read from the log).
func (r *revReader) atMark() bool {
	return r.markText == nil || bytes.Equal(r.sc.column(r.markCol), r.markText)
}

// rev is the row's rev: the one known at the mark (0 when unknown), or the one read from the
// log, noted at the statement's mark for the next scans.
func (r *revReader) rev() int64 {
	id := r.sc.column(r.sc.id)
	if r.markText != nil {
		rev, _ := r.cache.Rev(r.collection, id, r.mark)
		return rev
	}
	rev, _ := strconv.ParseInt(string(r.sc.column(r.revCol)), 10, 64)
	mark, _ := strconv.ParseInt(string(r.sc.column(r.markCol)), 10, 64)
	r.cache.NoteRev(r.collection, string(id), mark, rev)
	return rev
}
