package mobilesync

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/rowcache"
)

// revColumn is the extra column the fast path selects: the row's seq in the change log.
const revColumn = "_sync_rev"

// page is the rows of one snapshot page: ids, each row as the REST API serialises it, and,
// when the query read them along, their revs (nil: look them up).
type page struct {
	ids  []string
	raws []json.RawMessage
	revs []int64
}

// first returns the first n rows of p.
func (p page) first(n int) page {
	p.ids, p.raws = p.ids[:n], p.raws[:n]
	if p.revs != nil {
		p.revs = p.revs[:n]
	}
	return p
}

// readPage runs q restricted by c's ListRule and returns its rows as the REST API serialises
// them for info's user: written straight from the columns, with their revs, when c allows it
// (newRowWriter), rows already in cache at their rev copied from it; through core.Record and
// EnrichRecords otherwise. db must be a read transaction (rowcache).
func readPage(app core.App, db dbx.Builder, info *core.RequestInfo, c *core.Collection, q *dbx.SelectQuery, cache *rowcache.Cache) (page, error) {
	w := newRowWriter(c)
	if w == nil {
		return readPageSlow(app, db, info, c, q)
	}
	if ok, err := restrictToListRule(app, info, c, q); !ok || err != nil {
		return page{}, err
	}
	ids, err := distinctIDs(db, c, q)
	if err != nil || len(ids) == 0 {
		return page{}, err
	}
	if cache != nil {
		return readCached(db, w, c, ids, cache)
	}
	return readByID(db, w, c, ids)
}

// readByID reads and writes the rows of c with ids (sorted), with their revs.
func readByID(db dbx.Builder, w *rowWriter, c *core.Collection, ids []string) (page, error) {
	query, params := byID(c, ids)
	p, err := w.readRows(db, query, params)
	if err == nil && !slices.IsSorted(p.ids) {
		err = fmt.Errorf("read %s: rows out of id order", c.Name)
	}
	return p, err
}

// distinctIDs runs q for its ids alone, without SELECT DISTINCT, and keeps each id once, up to
// q's limit: the list rule's joins may repeat a row, but in id order its copies are adjacent.
// SQLite then builds no temporary table, which here costs more than the rows (its pages are
// mapped and unmapped by the allocator at each query).
func distinctIDs(db dbx.Builder, c *core.Collection, q *dbx.SelectQuery) ([]string, error) {
	limit := q.Info().Limit
	built := q.Distinct(false).Select(c.Name + ".id").OrderBy(c.Name + ".id").Limit(-1).Build()
	rows, err := db.NewQuery(built.SQL()).Bind(built.Params()).Rows()
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", c.Name, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() && (limit < 0 || int64(len(ids)) < limit) {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("read %s: %w", c.Name, err)
		}
		if len(ids) == 0 || ids[len(ids)-1] != id {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

// byID is the query of the rows of c with ids (sorted), in that order, with their revs: the
// ids drive the join (CROSS JOIN keeps json_each outside), so that no temporary table is built.
func byID(c *core.Collection, ids []string) (string, dbx.Params) {
	table := quoteIdent(c.Name)
	list, _ := json.Marshal(ids)
	return "SELECT " + table + ".*, " + RevSQL(c.Name) + " AS " + revColumn + " FROM json_each({:ids}) AS _ids CROSS JOIN " +
		table + " ON " + table + ".id = _ids.value", dbx.Params{"ids": string(list)}
}

// readableColumns returns the rows among ids of c that this user may read, written straight
// from their columns (c must have a row writer).
func readableColumns(app core.App, db dbx.Builder, info *core.RequestInfo, c *core.Collection, ids []string, cache *rowcache.Cache) (map[string][]byte, error) {
	out := make(map[string][]byte, len(ids))
	for _, chunk := range chunks(ids, idChunk) {
		pg, err := readPage(app, db, info, c, app.RecordQuery(c).AndWhere(dbx.In(c.Name+".id", toAny(chunk)...)), cache)
		if err != nil {
			return nil, err
		}
		for i, id := range pg.ids {
			out[id] = pg.raws[i]
		}
	}
	return out, nil
}

func readPageSlow(app core.App, db dbx.Builder, info *core.RequestInfo, c *core.Collection, q *dbx.SelectQuery) (page, error) {
	recs, err := listReadable(app, db, info, c, q)
	if err != nil {
		return page{}, err
	}
	raws, err := serializeRecords(app, info, recs)
	if err != nil {
		return page{}, err
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.Id
	}
	return page{ids: ids, raws: raws}, nil
}

// rowScan holds one scanned row: the raw bytes of each column, and where w's fields, the id
// and the rev (-1: not selected) are among them.
type rowScan struct {
	vals          []sql.RawBytes
	ptrs          []any
	fieldCols     []int
	idCol, revCol int
}

func (w *rowWriter) newRowScan(cols []string) *rowScan {
	sc := &rowScan{vals: make([]sql.RawBytes, len(cols)), ptrs: make([]any, len(cols)), idCol: -1, revCol: -1}
	index := make(map[string]int, len(cols))
	for i, name := range cols {
		sc.ptrs[i], index[name] = &sc.vals[i], i
	}
	for _, f := range w.fields {
		i, ok := index[f.GetName()]
		if !ok {
			i = -1
		}
		sc.fieldCols = append(sc.fieldCols, i)
	}
	if i, ok := index[core.FieldNameId]; ok {
		sc.idCol = i
	}
	if i, ok := index[revColumn]; ok {
		sc.revCol = i
	}
	return sc
}

// column returns the bytes of column i of the scanned row: nil for NULL or a column the
// query does not have.
func (sc *rowScan) column(i int) []byte {
	if i < 0 {
		return nil
	}
	return sc.vals[i]
}

// rev returns the rev column of the scanned row: 0 when the change log has no row for it.
func (sc *rowScan) rev() (int64, error) {
	if sc.vals[sc.revCol] == nil {
		return 0, nil
	}
	return strconv.ParseInt(string(sc.vals[sc.revCol]), 10, 64)
}

// readRows runs the query sql on db and writes every row into one buffer; the returned rows
// are slices of it.
func (w *rowWriter) readRows(db dbx.Builder, sql string, params dbx.Params) (page, error) {
	rows, err := db.NewQuery(sql).Bind(params).Rows()
	if err != nil {
		return page{}, fmt.Errorf("read %s: %w", w.coll.Name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return page{}, fmt.Errorf("read %s: %w", w.coll.Name, err)
	}
	return w.writeRows(rows, w.newRowScan(cols))
}

// writeRows scans each row into sc and writes it.
func (w *rowWriter) writeRows(rows *dbx.Rows, sc *rowScan) (page, error) {
	var p page
	var buf []byte
	var ends []int
	scratch, cols := core.NewRecord(w.coll), make([][]byte, len(w.fields))
	for rows.Next() {
		if err := rows.Scan(sc.ptrs...); err != nil {
			return page{}, fmt.Errorf("read %s: %w", w.coll.Name, err)
		}
		var err error
		if buf, err = w.appendScanned(buf, &p, scratch, sc, cols); err != nil {
			return page{}, err
		}
		ends = append(ends, len(buf))
	}
	if err := rows.Err(); err != nil {
		return page{}, fmt.Errorf("read %s: %w", w.coll.Name, err)
	}
	p.raws = make([]json.RawMessage, len(ends))
	for i, start := 0, 0; i < len(ends); i++ {
		p.raws[i], start = buf[start:ends[i]:ends[i]], ends[i]
	}
	return p, nil
}

// appendScanned writes the row scanned into sc to buf and adds its id, and its rev when the
// query read it, to p. cols is scratch space for the row's field columns.
func (w *rowWriter) appendScanned(buf []byte, p *page, scratch *core.Record, sc *rowScan, cols [][]byte) ([]byte, error) {
	for k, i := range sc.fieldCols {
		cols[k] = sc.column(i)
	}
	id := string(sc.column(sc.idCol))
	if sc.revCol >= 0 {
		rev, err := sc.rev()
		if err != nil {
			return nil, fmt.Errorf("read rev of %s/%s: %w", w.coll.Name, id, err)
		}
		p.revs = append(p.revs, rev)
	}
	p.ids = append(p.ids, id)
	return w.appendRow(buf, scratch, cols)
}

// snapshotSize estimates the encoded size of resp, to allocate its buffer once.
func snapshotSize(resp SnapshotResponse) int {
	n := 128 + len(resp.Cursor) + len(resp.NextAfterID)
	for _, r := range resp.Records {
		n += 64 + len(r.ID) + len(r.R)
	}
	return n
}

// appendSnapshotResponse writes resp as encoding/json would, copying each row's JSON as it is
// (encoding/json would scan and compact every json.RawMessage again).
func appendSnapshotResponse(b []byte, resp SnapshotResponse) []byte {
	b = append(b, `{"snapshotSeq":`...)
	b = strconv.AppendInt(b, resp.SnapshotSeq, 10)
	b = append(b, `,"records":[`...)
	for i, r := range resp.Records {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(append(b, `{"id":`...), r.ID)
		b = strconv.AppendInt(append(b, `,"rev":`...), r.Rev, 10)
		b = append(b, `,"r":`...)
		if len(r.R) == 0 {
			b = append(b, "null"...)
		}
		b = append(append(b, r.R...), '}')
	}
	b = appendString(append(b, `],"nextAfterId":`...), resp.NextAfterID)
	b = strconv.AppendBool(append(b, `,"done":`...), resp.Done)
	if resp.Cursor != "" {
		b = appendString(append(b, `,"cursor":`...), resp.Cursor)
	}
	return append(b, '}')
}
