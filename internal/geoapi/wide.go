package geoapi

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/rowcache"
	s "github.com/maillage/maillage/schema"
)

// A box covering at least wideShare of the area the located records span is answered by
// reading the rows in rowid order and checking their points (scanAll), stopping at the limit:
// most rows answer, and reading the R*Tree's thousands of entries inside the box, then
// looking each row up, costs more than the rows it skips.
const wideShare = 0.25

// coversMost reports whether box covers at least wideShare of the extent of table's located
// records, read from the root node of its R*Tree (whose entries' boxes hold every entry).
func coversMost(db dbx.Builder, table string, box geo.Bounds) bool {
	var node string
	err := db.NewQuery("SELECT rtreenode(2, data) FROM [[" + s.GeoIndexTable(table) + "_node]] WHERE nodeno = 1").Row(&node)
	if err != nil {
		return false
	}
	ext, ok := nodeExtent(node)
	if !ok {
		return false
	}
	in := geo.Bounds{MinLon: max(box.MinLon, ext.MinLon), MinLat: max(box.MinLat, ext.MinLat),
		MaxLon: min(box.MaxLon, ext.MaxLon), MaxLat: min(box.MaxLat, ext.MaxLat)}
	if in.MinLon > in.MaxLon || in.MinLat > in.MaxLat {
		return false
	}
	all := (ext.MaxLon - ext.MinLon) * (ext.MaxLat - ext.MinLat)
	if all == 0 {
		return true // one place, inside the box
	}
	return (in.MaxLon-in.MinLon)*(in.MaxLat-in.MinLat) >= wideShare*all
}

// nodeExtent is the union of the boxes rtreenode() lists: "{id minLon maxLon minLat maxLat} …".
func nodeExtent(node string) (geo.Bounds, bool) {
	var ext geo.Bounds
	n := 0
	for _, entry := range strings.Split(node, "{")[1:] {
		f := strings.Fields(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(entry), "}")))
		if len(f) != 5 {
			return ext, false
		}
		var v [4]float64
		for i := range v {
			x, err := strconv.ParseFloat(f[i+1], 64)
			if err != nil {
				return ext, false
			}
			v[i] = x
		}
		b := geo.Bounds{MinLon: v[0], MaxLon: v[1], MinLat: v[2], MaxLat: v[3]}
		if n == 0 {
			ext = b
		} else {
			ext = geo.Bounds{MinLon: min(ext.MinLon, b.MinLon), MinLat: min(ext.MinLat, b.MinLat),
				MaxLon: max(ext.MaxLon, b.MaxLon), MaxLat: max(ext.MaxLat, b.MaxLat)}
		}
		n++
	}
	return ext, n > 0
}

// findWide answers q, whose box covers most records, by reading the rows of query in rowid
// order; features with every property come from cache when it holds them (scanCached).
func (w *featureWriter) findWide(db dbx.Builder, c *core.Collection, query *dbx.SelectQuery, listed func() (*dbx.SelectQuery, error), q Query, cache *rowcache.Cache) (result, error) {
	var hits []hit
	var cut bool
	var err error
	if cache != nil && cachable(q) {
		hits, cut, err = w.scanCached(db, c, query, listed, q.Limit+1, cache)
	} else {
		hits, cut, err = w.scanAll(db, c, query, q.Fields, q.Limit+1)
	}
	return result{hits: hits, truncated: cut}, err
}

// rowidColumn is the column scanAll reads each row's rowid into.
const rowidColumn = "_geo_rowid"

// inRowidOrder runs q, without DISTINCT, in rowid order, with the rowid as rowidColumn, only
// the columns fields need (all when fields is empty) and the extra expressions.
func inRowidOrder(db dbx.Builder, c *core.Collection, q *dbx.SelectQuery, fields []string, extra ...string) (*dbx.Rows, error) {
	q.Distinct(false)
	if cols := columns(c, fields); cols != nil {
		q.Select(cols...)
	}
	built := q.AndSelect(append(extra, c.Name+".rowid AS "+rowidColumn)...).OrderBy(c.Name + ".rowid ASC").Build()
	return db.NewQuery(built.SQL()).Bind(built.Params()).Rows()
}

// scanAll reads the rows of q (the list rule and filters, without the R*Tree) in rowid order
// and writes those whose point answers the query, until rowLimit answer (cut: the last is left
// out). The list rule's joins may repeat a row; in rowid order its copies are adjacent, so
// they are skipped here rather than by SELECT DISTINCT over whole rows.
func (w *featureWriter) scanAll(db dbx.Builder, c *core.Collection, q *dbx.SelectQuery, fields []string, rowLimit int) ([]hit, bool, error) {
	res, err := inRowidOrder(db, c, q, fields)
	if err != nil {
		return nil, false, err
	}
	defer res.Close()
	sc, err := w.newScan(res)
	if err != nil {
		return nil, false, err
	}
	rowid := sc.at(rowidColumn)
	out := newCollected()
	var last []byte
	for res.Next() {
		if err := res.Scan(sc.ptrs...); err != nil {
			return nil, false, err
		}
		id := sc.column(rowid)
		if last != nil && bytes.Equal(id, last) {
			continue // the same row again, through another of the list rule's joins
		}
		last = append(last[:0], id...)
		if len(out.hits) == rowLimit-1 {
			ok, err := w.answers(sc)
			if ok || err != nil {
				return out.result(), ok, err
			}
			continue
		}
		if err := out.add(w, sc); err != nil {
			return nil, false, err
		}
	}
	return out.result(), false, res.Err()
}
