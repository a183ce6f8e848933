package geoapi

import (
	"bytes"
	"errors"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/rowcache"
	s "github.com/maillage/maillage/schema"
)

// formFeature names the geo API's features with every property in the row cache.
const formFeature = "feature"

// cachable reports whether q's features are kept in the row cache: every property and no
// distance, so that a record's feature is the same for every query that finds it (and for
// every reader: newFeatureWriter serves only collections with no per-reader field).
func cachable(q Query) bool { return len(q.Fields) == 0 && q.Near == nil }

// scanCached answers what scanAll answers, reading of each row only its rowid, id, location and
// rev: the features the cache holds at their rev are copied from it, and the others are read
// afterwards, by rowid, through listed (a fresh list-rule query, so that a row changed in
// between is read under the rule again), written, and kept.
func (w *featureWriter) scanCached(db dbx.Builder, c *core.Collection, q *dbx.SelectQuery, listed func() (*dbx.SelectQuery, error), rowLimit int, cache *rowcache.Cache) ([]hit, bool, error) {
	hits, missing, cut, err := w.scanLocations(db, c, q, listed, rowLimit, cache)
	if err != nil || len(missing) == 0 {
		return hits, cut, err
	}
	again, err := listed()
	if err != nil {
		return nil, false, err
	}
	fresh, err := w.readFeatures(db, c, again.AndWhere(dbx.In(c.Name+".rowid", missing...)), cache)
	if err != nil {
		return nil, false, err
	}
	kept := hits[:0]
	for _, h := range hits {
		if h.feature == nil {
			h.feature = fresh[h.id] // nil: deleted, unreadable or moved out since the scan
		}
		if h.feature != nil {
			kept = append(kept, h)
		}
	}
	return kept, cut, nil
}

// errMarkMoved stops a scan at a mark (rowcache.Mark) the database has moved past.
var errMarkMoved = errors.New("the change log's mark moved")

// scanLocations reads q's rows' rowid, id, location and rev in rowid order and returns those
// that answer w's query, up to rowLimit (cut: there were more), with their cached features;
// missing lists the rowids of the others. The revs are those the cache knows at the change
// log's mark, when the rows are read at that mark; otherwise (the mark moved: q is built
// again by listed) each row's is read from the log.
func (w *featureWriter) scanLocations(db dbx.Builder, c *core.Collection, q *dbx.SelectQuery, listed func() (*dbx.SelectQuery, error), rowLimit int, cache *rowcache.Cache) (hits []hit, missing []any, cut bool, err error) {
	if mark := cache.Mark(); mark > 0 {
		hits, missing, cut, err = w.scanRows(db, c, q, rowLimit, cache, mark)
		if !errors.Is(err, errMarkMoved) {
			return hits, missing, cut, err
		}
		if q, err = listed(); err != nil {
			return nil, nil, false, err
		}
	}
	return w.scanRows(db, c, q, rowLimit, cache, 0)
}

// scanRows is scanLocations reading the revs known at mark, or, with mark 0, from the log.
func (w *featureWriter) scanRows(db dbx.Builder, c *core.Collection, q *dbx.SelectQuery, rowLimit int, cache *rowcache.Cache, mark int64) (hits []hit, missing []any, cut bool, err error) {
	res, err := inRowidOrder(db, c, q, []string{core.FieldNameId, s.FieldGeo}, revColumns(c, mark)...)
	if err != nil {
		return nil, nil, false, err
	}
	defer res.Close()
	sc, err := w.newScan(res)
	if err != nil {
		return nil, nil, false, err
	}
	rowid, revs := sc.at(rowidColumn), newRevReader(sc, c, cache, mark)
	var last []byte
	for res.Next() {
		if err := res.Scan(sc.ptrs...); err != nil {
			return nil, nil, false, err
		}
		if rid := sc.column(rowid); last != nil && bytes.Equal(rid, last) {
			continue // the same row again, through another of the list rule's joins
		}
		last = append(last[:0], sc.column(rowid)...)
		if !revs.atMark() {
			return nil, nil, false, errMarkMoved
		}
		p, ok, _, err := w.point(sc)
		if err != nil || !ok {
			if err != nil {
				return nil, nil, false, err
			}
			continue
		}
		if len(hits) == rowLimit-1 {
			return hits, missing, true, nil
		}
		h := hit{id: string(sc.column(sc.id)), point: geo.Point{Lon: p.Lon, Lat: p.Lat}}
		if h.feature, ok = cache.Get(rowcache.KeyOf(formFeature, c, h.id), revs.rev()); !ok {
			missing = append(missing, string(sc.column(rowid)))
		}
		hits = append(hits, h)
	}
	return hits, missing, false, res.Err()
}

// readFeatures reads q's rows (every column, with their rev) in rowid order, writes the
// features of those that answer w's query, keeps them in cache, and returns them by id.
func (w *featureWriter) readFeatures(db dbx.Builder, c *core.Collection, q *dbx.SelectQuery, cache *rowcache.Cache) (map[string][]byte, error) {
	res, err := inRowidOrder(db, c, q, nil, revColumns(c, 0)...)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	sc, err := w.newScan(res)
	if err != nil {
		return nil, err
	}
	out, buf, revs := map[string][]byte{}, new(bytes.Buffer), newRevReader(sc, c, cache, 0)
	for res.Next() {
		if err := res.Scan(sc.ptrs...); err != nil {
			return nil, err
		}
		buf.Reset()
		if _, ok, err := w.write(buf, sc); err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		id, rev := string(sc.column(sc.id)), revs.rev()
		out[id] = bytes.Clone(buf.Bytes())
		cache.Put(rowcache.KeyOf(formFeature, c, id), rev, buf.Bytes())
	}
	return out, res.Err()
}
