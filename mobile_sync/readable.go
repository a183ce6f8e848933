package mobilesync

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

	"github.com/maillage/maillage/internal/rowcache"
)

// idChunk bounds the ids of one `id IN (...)` query (SQLite allows 32766 parameters).
const idChunk = 500

// readableRecords returns the records of collection among ids that this request's user may
// list, through the collection's own ListRule applied by PocketBase's resolver, as the list
// API does. Missing and unreadable ids are absent from the map.
func readableRecords(app core.App, info *core.RequestInfo, collection string, ids []string) (map[string]*core.Record, error) {
	return readableRecordsOn(app, app.DB(), info, collection, ids)
}

// readableRecordsOn is readableRecords reading through db (a read transaction).
func readableRecordsOn(app core.App, db dbx.Builder, info *core.RequestInfo, collection string, ids []string) (map[string]*core.Record, error) {
	c, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, fmt.Errorf("collection %s: %w", collection, err)
	}
	found := make(map[string]*core.Record, len(ids))
	for _, chunk := range chunks(ids, idChunk) {
		q := app.RecordQuery(c).AndWhere(dbx.In(c.Name+".id", toAny(chunk)...))
		recs, err := listReadable(app, db, info, c, q)
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			found[r.Id] = r
		}
	}
	return found, nil
}

// listReadable runs q restricted by c's ListRule for info's user on db. Superusers read all;
// a nil ListRule reads nothing for everyone else.
func listReadable(app core.App, db dbx.Builder, info *core.RequestInfo, c *core.Collection, q *dbx.SelectQuery) ([]*core.Record, error) {
	if ok, err := restrictToListRule(app, info, c, q); !ok || err != nil {
		return nil, err
	}
	built := q.Build()
	var rows []dbx.NullStringMap
	if err := db.NewQuery(built.SQL()).Bind(built.Params()).All(&rows); err != nil {
		return nil, fmt.Errorf("read %s: %w", c.Name, err)
	}
	recs := make([]*core.Record, len(rows))
	for i, row := range rows {
		r, err := recordFromRow(c, row)
		if err != nil {
			return nil, err
		}
		recs[i] = r
	}
	return recs, nil
}

// restrictToListRule adds c's ListRule for info's user to q. Superusers read all; a nil
// ListRule reads nothing for everyone else (ok is then false).
func restrictToListRule(app core.App, info *core.RequestInfo, c *core.Collection, q *dbx.SelectQuery) (ok bool, err error) {
	if info.HasSuperuserAuth() || (c.ListRule != nil && *c.ListRule == "") {
		return true, nil
	}
	if c.ListRule == nil {
		return false, nil
	}
	resolver := core.NewRecordFieldResolver(app, c, info, true)
	expr, err := search.FilterData(*c.ListRule).BuildExpr(resolver)
	if err != nil {
		return false, fmt.Errorf("list rule of %s: %w", c.Name, err)
	}
	q.AndWhere(expr)
	if err := resolver.UpdateQuery(q); err != nil {
		return false, fmt.Errorf("list rule of %s: %w", c.Name, err)
	}
	return true, nil
}

// recordFromRow loads a database row into a record as PocketBase's own record queries do.
func recordFromRow(c *core.Collection, row dbx.NullStringMap) (*core.Record, error) {
	r := core.NewRecord(c)
	for _, f := range c.Fields {
		var raw any
		if v, ok := row[f.GetName()]; ok && v.Valid {
			raw = v.String
		}
		v, err := f.PrepareValue(r, raw)
		if err != nil {
			return nil, fmt.Errorf("load %s.%s: %w", c.Name, f.GetName(), err)
		}
		r.SetRaw(f.GetName(), v)
	}
	if err := r.PostScan(); err != nil {
		return nil, fmt.Errorf("load %s record: %w", c.Name, err)
	}
	return r, nil
}

// serializeRecord returns rec as the REST API would show it to info's user.
func serializeRecord(app core.App, info *core.RequestInfo, rec *core.Record) (json.RawMessage, error) {
	out, err := serializeRecords(app, info, []*core.Record{rec})
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// serializeRecords serialises records of one collection as the REST API does: OnRecordEnrich
// hooks run, hidden fields stay hidden, emails follow emailVisibility.
func serializeRecords(app core.App, info *core.RequestInfo, recs []*core.Record) ([]json.RawMessage, error) {
	if len(recs) == 0 {
		return nil, nil
	}
	req, err := http.NewRequest(http.MethodGet, "/api/sync", nil)
	if err != nil {
		return nil, fmt.Errorf("enrich request: %w", err)
	}
	e := &core.RequestEvent{App: app}
	e.Request = req
	e.Auth = info.Auth
	if err := apis.EnrichRecords(e, recs); err != nil {
		return nil, fmt.Errorf("enrich %s records: %w", recs[0].Collection().Name, err)
	}
	out := make([]json.RawMessage, len(recs))
	for i, r := range recs {
		if out[i], err = json.Marshal(r); err != nil {
			return nil, fmt.Errorf("encode %s/%s: %w", r.Collection().Name, r.Id, err)
		}
	}
	return out, nil
}

func chunks(ids []string, size int) [][]string {
	var out [][]string
	for len(ids) > size {
		out = append(out, ids[:size])
		ids = ids[size:]
	}
	if len(ids) > 0 {
		out = append(out, ids)
	}
	return out
}

func toAny(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}

// readTx runs fn in one read transaction on the concurrent pool, so that everything fn reads
// is one consistent snapshot and no writer is held up, once one of Config.ReadTx places is
// free. Inside a transaction already, fn reads through it. A request that ends (its client
// gone) stops waiting for a place, and its reads stop.
func (sv *service) readTx(ctx context.Context, app core.App, fn func(db dbx.Builder) error) error {
	pool := app.ConcurrentDB()
	if pool == nil {
		return errors.New("read: the database is closed")
	}
	db, ok := pool.(*dbx.DB)
	if !ok {
		return fn(pool)
	}
	select {
	case sv.reads <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("wait for a read: %w", ctx.Err())
	}
	defer func() { <-sv.reads }()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin read: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // read-only: nothing to keep or lose
	return fn(tx)
}

// rowsFor returns the row cache for the sync's reads of app: none inside a write transaction,
// whose seqs may yet roll back and be handed out again (rowcache).
func (sv *service) rowsFor(app core.App) *rowcache.Cache {
	if _, ok := app.ConcurrentDB().(*dbx.DB); !ok {
		return nil
	}
	return sv.cfg.Rows
}

// hasTable reports whether table exists, read through db.
func hasTable(db dbx.Builder, table string) bool {
	var n int
	err := db.NewQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = {:t}").
		Bind(dbx.Params{"t": table}).Row(&n)
	return err == nil && n > 0
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
