package mobilesync

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// readPage runs q restricted by c's ListRule and returns the ids of the rows and each row as
// the REST API serialises it for info's user: written straight from the columns when c allows
// it (newRowWriter), through core.Record and EnrichRecords otherwise.
func readPage(app core.App, db dbx.Builder, info *core.RequestInfo, c *core.Collection, q *dbx.SelectQuery) ([]string, []json.RawMessage, error) {
	w := newRowWriter(c)
	if w == nil {
		return readPageSlow(app, db, info, c, q)
	}
	if ok, err := restrictToListRule(app, info, c, q); !ok || err != nil {
		return nil, nil, err
	}
	return w.readRows(db, q)
}

func readPageSlow(app core.App, db dbx.Builder, info *core.RequestInfo, c *core.Collection, q *dbx.SelectQuery) ([]string, []json.RawMessage, error) {
	recs, err := listReadable(app, db, info, c, q)
	if err != nil {
		return nil, nil, err
	}
	raws, err := serializeRecords(app, info, recs)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.Id
	}
	return ids, raws, nil
}

// readRows runs q on db and writes every row into one buffer; the returned rows are slices
// of it.
func (w *rowWriter) readRows(db dbx.Builder, q *dbx.SelectQuery) ([]string, []json.RawMessage, error) {
	built := q.Build()
	rows, err := db.NewQuery(built.SQL()).Bind(built.Params()).Rows()
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", w.coll.Name, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", w.coll.Name, err)
	}
	vals, ptrs, index := make([]sql.RawBytes, len(cols)), make([]any, len(cols)), make(map[string]int, len(cols))
	for i, name := range cols {
		ptrs[i], index[name] = &vals[i], i
	}
	col := func(name string) any {
		if i, ok := index[name]; ok && vals[i] != nil {
			return string(vals[i])
		}
		return nil
	}
	return w.writeRows(rows, ptrs, col)
}

// writeRows scans each row into ptrs and writes it through col.
func (w *rowWriter) writeRows(rows *dbx.Rows, ptrs []any, col func(string) any) ([]string, []json.RawMessage, error) {
	var buf []byte
	var ids []string
	var ends []int
	scratch := core.NewRecord(w.coll)
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", w.coll.Name, err)
		}
		id, _ := col(core.FieldNameId).(string)
		var err error
		if buf, err = w.appendRow(buf, scratch, col); err != nil {
			return nil, nil, err
		}
		ids, ends = append(ids, id), append(ends, len(buf))
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", w.coll.Name, err)
	}
	raws, start := make([]json.RawMessage, len(ends)), 0
	for i, end := range ends {
		raws[i], start = buf[start:end:end], end
	}
	return ids, raws, nil
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
