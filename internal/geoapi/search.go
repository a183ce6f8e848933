package geoapi

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/internal/rowcache"
	s "github.com/maillage/maillage/schema"
)

// MaxBlurredCandidates bounds the rows read for a query on a blurred collection, which is
// filtered on the blurred points after reading (see find); a wider query is cut and says so.
const MaxBlurredCandidates = 20000

// blurMargin widens the index box of a blurred collection so that every record whose blurred
// point answers the query is read: a blurred point lies at most this far from the true one.
const blurMargin = geo.BlurMaxOffsetMeters + geo.BlurCellMeters

// hit is a feature that answers a query: its record (the read-hook path) or its feature
// already written (featureWriter), its point as the reader sees it and its distance to near.
type hit struct {
	id       string // set by the cached scan only
	record   *core.Record
	feature  []byte
	point    geo.Point
	distance float64
}

// result is what a query found, sorted, at most its limit; truncated when there was more.
type result struct {
	hits      []hit
	truncated bool
}

// geoCollection is the content collection named in the path; other names get a 404 listing
// the ones that exist.
func geoCollection(app core.App, lang, name string) (*core.Collection, error) {
	if !s.IsContent(name) {
		return nil, apis.NewNotFoundError(i18n.T(lang, "geo_no_data", map[string]any{
			"collection": name, "collections": strings.Join(s.Content, ", "),
		}), nil)
	}
	return app.FindCachedCollectionByNameOrId(name)
}

// find runs q on c for the request's reader. Rows are selected by the collection's own list
// rule (as PocketBase's list API resolves it) and the R*Tree, then enriched like the list
// API's (OnRecordEnrich blurs offers), and the box and circle are checked on the points as the
// reader sees them. For a blurred collection the final filter, sort and limit therefore run
// after reading, so that neither membership nor order reveals a true location. A box covering
// most of the records is read in rowid order instead of through the R*Tree (wide.go).
func find(e *core.RequestEvent, c *core.Collection, q Query, cache *rowcache.Cache) (result, error) {
	info, err := e.RequestInfo()
	if err != nil {
		return result{}, e.BadRequestError("", err)
	}
	listed := func() (*dbx.SelectQuery, error) { return listQuery(e.App, i18n.Lang(e), c, info, q) }
	query, err := listed()
	if err != nil {
		return result{}, err
	}
	w := newFeatureWriter(c, q)
	var r result
	if w != nil && q.Near == nil && q.Box != nil && coversMost(e.App.DB(), c.Name, *q.Box) {
		r, err = w.findWide(e.App.DB(), c, query, listed, q, cache)
	} else {
		r, err = findIndexed(e, w, c, query, q)
	}
	if err != nil {
		return result{}, fmt.Errorf("geo query %s: %w", c.Name, err)
	}
	return r, nil
}

// findIndexed answers q through the R*Tree: the candidates of its box, nearest first for a
// radius, written by w (nil: the collection's records are enriched or blurred first).
func findIndexed(e *core.RequestEvent, w *featureWriter, c *core.Collection, query *dbx.SelectQuery, q Query) (result, error) {
	blurred := s.IsBlurred(c.Name)
	query.AndWhere(indexed(c.Name, q.SearchBox(), blurred))
	rowLimit := q.Limit + 1
	order := []string{c.Name + ".rowid ASC"}
	if blurred {
		rowLimit = MaxBlurredCandidates + 1
	} else if q.Near != nil {
		order = append([]string{planeDistance(c.Name, *q.Near) + " ASC"}, order...)
	}
	rows := byRowid(e.App, c, query.OrderBy(order...).Limit(int64(rowLimit)), q.Fields).OrderBy(order...)
	var hits []hit
	var cut bool
	var err error
	if w != nil {
		hits, cut, err = w.read(e.App.DB(), rows, rowLimit)
	} else {
		hits, cut, err = enrichedHits(e, rows, q, rowLimit)
	}
	if err != nil {
		return result{}, err
	}
	r := keep(hits, q)
	r.truncated = r.truncated || cut
	return r, nil
}

// byRowid is the query of the rows q selects, in their order (given again to the result), by
// their rowids alone: q (SELECT DISTINCT when the list rule joins other tables) picks the
// distinct rowids within its order and limit, and the outer query reads those rows (only the
// columns fields needs, when it names some). SQLite then deduplicates rowids instead of whole
// rows of about 1 KB, and never more rows than the limit.
func byRowid(app core.App, c *core.Collection, q *dbx.SelectQuery, fields []string) *dbx.SelectQuery {
	inner := q.Select(c.Name + ".rowid").Build()
	outer := app.RecordQuery(c).AndWhere(dbx.NewExp("[["+c.Name+".rowid]] IN ("+inner.SQL()+")", inner.Params()))
	if cols := columns(c, fields); cols != nil {
		outer.Select(cols...)
	}
	return outer
}

// enrichedHits reads rows as records and enriches them like the list API's (OnRecordEnrich
// blurs offers): the points are then the ones the reader sees. Reading rowLimit rows means
// there were more (cut): the last is left out.
func enrichedHits(e *core.RequestEvent, rows *dbx.SelectQuery, q Query, rowLimit int) ([]hit, bool, error) {
	records := []*core.Record{}
	if err := rows.All(&records); err != nil {
		return nil, false, err
	}
	cut := len(records) == rowLimit
	if cut {
		records = records[:rowLimit-1]
	}
	if err := apis.EnrichRecords(e, records); err != nil {
		return nil, false, err
	}
	hits := make([]hit, 0, len(records))
	for _, rec := range records {
		p := rec.GetGeoPoint(s.FieldGeo)
		pt := geo.Point{Lon: p.Lon, Lat: p.Lat}
		if ok, d := q.Matches(pt); ok {
			hits = append(hits, hit{record: rec, point: pt, distance: d})
		}
	}
	return hits, cut, nil
}

// listQuery is the collection's records the reader may list, with the category and commune
// filters, built by PocketBase's own rule resolver.
func listQuery(app core.App, lang string, c *core.Collection, info *core.RequestInfo, q Query) (*dbx.SelectQuery, error) {
	if c.ListRule == nil && !info.HasSuperuserAuth() {
		return nil, apis.NewForbiddenError(i18n.T(lang, "geo_superusers_only", map[string]any{"collection": c.Name}), nil)
	}
	query := app.RecordQuery(c)
	resolver := core.NewRecordFieldResolver(app, c, info, true)
	filters := []search.FilterData{}
	if !info.HasSuperuserAuth() && *c.ListRule != "" {
		filters = append(filters, search.FilterData(*c.ListRule))
	}
	if q.Category != "" {
		filters = append(filters, "(categories.slug ?= {:category} || categories.id ?= {:category})")
	}
	if q.Commune != "" {
		filters = append(filters, "(commune.code = {:commune} || commune = {:commune})")
	}
	params := dbx.Params{"category": q.Category, "commune": q.Commune}
	for _, f := range filters {
		expr, err := f.BuildExpr(resolver, params)
		if err != nil {
			return nil, fmt.Errorf("geo query %s: %w", c.Name, err)
		}
		query.AndWhere(expr)
	}
	if err := resolver.UpdateQuery(query); err != nil {
		return nil, fmt.Errorf("geo query %s: %w", c.Name, err)
	}
	return query, nil
}

// columns are the columns to read for a query naming fields: those, the record's id, and
// what the read hooks need (the location and its author, for the blur); nil reads them all.
func columns(c *core.Collection, fields []string) []string {
	if len(fields) == 0 {
		return nil
	}
	var cols []string
	for _, n := range append([]string{core.FieldNameId, s.FieldGeo, s.FieldAuthor}, fields...) {
		if c.Fields.GetByName(n) != nil && !slices.Contains(cols, c.Name+"."+n) {
			cols = append(cols, c.Name+"."+n)
		}
	}
	return cols
}

// indexed restricts rows to those the R*Tree holds inside box (every located row when box is
// nil), the box widened by blurMargin for a blurred collection.
func indexed(table string, box *geo.Bounds, blurred bool) dbx.Expression {
	sub := "SELECT id FROM [[" + s.GeoIndexTable(table) + "]]"
	if box == nil {
		return dbx.NewExp("[[" + table + ".rowid]] IN (" + sub + ")")
	}
	b := *box
	if blurred {
		b = b.Expand(blurMargin)
	}
	return dbx.NewExp("[["+table+".rowid]] IN ("+sub+
		" WHERE minLon <= {:maxLon} AND maxLon >= {:minLon} AND minLat <= {:maxLat} AND maxLat >= {:minLat})",
		dbx.Params{"minLon": b.MinLon, "minLat": b.MinLat, "maxLon": b.MaxLon, "maxLat": b.MaxLat})
}

// planeDistance is an SQL expression ordering rows by their distance to p on a local plane,
// the same order as the great-circle distance at a territory's scale.
func planeDistance(table string, p geo.Point) string {
	kx := math.Cos(p.Lat * math.Pi / 180)
	lon := "json_extract([[" + table + "." + s.FieldGeo + "]], '$.lon')"
	lat := "json_extract([[" + table + "." + s.FieldGeo + "]], '$.lat')"
	return fmt.Sprintf("((%[1]s - %.9[3]f) * (%[1]s - %.9[3]f) * %.9[5]f + (%[2]s - %.9[4]f) * (%[2]s - %.9[4]f))",
		lon, lat, p.Lon, p.Lat, kx*kx)
}

// keep sorts hits by distance when q has near and keeps q.Limit.
func keep(hits []hit, q Query) result {
	if q.Near != nil {
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].distance < hits[j].distance })
	}
	if len(hits) > q.Limit {
		return result{hits: hits[:q.Limit], truncated: true}
	}
	return result{hits: hits}
}
