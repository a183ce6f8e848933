package geoapi

import (
	"bytes"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/rowcache"
	mobilesync "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// formFeature names the geo API's features with every property in the row cache.
const formFeature = "feature"

// revColumn is the column the cached scan reads each row's change log seq into.
const revColumn = "_geo_rev"

// cachable reports whether q's features are kept in the row cache: every property and no
// distance, so that a record's feature is the same for every query that finds it (and for
// every reader: newFeatureWriter serves only collections with no per-reader field).
func cachable(q Query) bool { return len(q.Fields) == 0 && q.Near == nil }

// scanCached answers what scanAll answers, reading of each row only its rowid, id, location and
// rev: the features the cache holds at their rev are copied from it, and the others are read
// afterwards, by rowid, through listed (a fresh list-rule query, so that a row changed in
// between is read under the rule again), written, and kept.
func (w *featureWriter) scanCached(db dbx.Builder, c *core.Collection, q *dbx.SelectQuery, listed func() (*dbx.SelectQuery, error), rowLimit int, cache *rowcache.Cache) ([]hit, bool, error) {
	hits, missing, cut, err := w.scanLocations(db, c, q, rowLimit, cache)
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

// scanLocations reads q's rows' rowid, id, location and rev in rowid order and returns those
// that answer w's query, up to rowLimit (cut: there were more), with their cached features;
// missing lists the rowids of the others.
func (w *featureWriter) scanLocations(db dbx.Builder, c *core.Collection, q *dbx.SelectQuery, rowLimit int, cache *rowcache.Cache) (hits []hit, missing []any, cut bool, err error) {
	res, err := inRowidOrder(db, c, q, []string{core.FieldNameId, s.FieldGeo}, mobilesync.RevSQL(c.Name)+" AS "+revColumn)
	if err != nil {
		return nil, nil, false, err
	}
	defer res.Close()
	sc, err := w.newScan(res)
	if err != nil {
		return nil, nil, false, err
	}
	rowid, revCol := sc.at(rowidColumn), sc.at(revColumn)
	var last []byte
	for res.Next() {
		if err := res.Scan(sc.ptrs...); err != nil {
			return nil, nil, false, err
		}
		if rid := sc.column(rowid); last != nil && bytes.Equal(rid, last) {
			continue // the same row again, through another of the list rule's joins
		}
		last = append(last[:0], sc.column(rowid)...)
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
		rev, _ := strconv.ParseInt(string(sc.column(revCol)), 10, 64)
		if h.feature, ok = cache.Get(rowcache.KeyOf(formFeature, c, h.id), rev); !ok {
			missing = append(missing, string(sc.column(rowid)))
		}
		hits = append(hits, h)
	}
	return hits, missing, false, res.Err()
}

// readFeatures reads q's rows (every column, with their rev) in rowid order, writes the
// features of those that answer w's query, keeps them in cache, and returns them by id.
func (w *featureWriter) readFeatures(db dbx.Builder, c *core.Collection, q *dbx.SelectQuery, cache *rowcache.Cache) (map[string][]byte, error) {
	res, err := inRowidOrder(db, c, q, nil, mobilesync.RevSQL(c.Name)+" AS "+revColumn)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	sc, err := w.newScan(res)
	if err != nil {
		return nil, err
	}
	out, buf, revCol := map[string][]byte{}, new(bytes.Buffer), sc.at(revColumn)
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
		id := string(sc.column(sc.id))
		rev, _ := strconv.ParseInt(string(sc.column(revCol)), 10, 64)
		out[id] = bytes.Clone(buf.Bytes())
		cache.Put(rowcache.KeyOf(formFeature, c, id), rev, buf.Bytes())
	}
	return out, res.Err()
}
