package mobilesync

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/internal/rowcache"
)

// Pull page sizes.
const (
	defaultPullLimit = 500
	maxPullLimit     = 1000
)

// Reset reasons (docs/sync.md).
const (
	ResetEpoch  = "epoch"  // the database was restored or replaced
	ResetPruned = "pruned" // the cursor is below the pruning horizon
	ResetAhead  = "ahead"  // the cursor is ahead of this database's head
	ResetRules  = "rules"  // a synced collection's list rule changed
	ResetScope  = "scope"  // the user's memberships, role or identity changed
)

const clientsTable = "_sync_clients"

// logRow is one row of the change log.
type logRow struct {
	Seq  int64  `db:"seq"`
	Coll string `db:"coll"`
	Rid  string `db:"rid"`
	Op   string `db:"op"`
}

// pull answers POST /api/sync/pull: the latest state of every record changed since the cursor,
// in seq order, as this user may read it, all read in one read transaction.
func (sv *service) pull(e *core.RequestEvent) error {
	var req PullRequest
	if err := e.BindBody(&req); err != nil {
		return e.BadRequestError(i18n.Tr(e, "sync_pull_bad_json", nil), err)
	}
	colls, err := sv.pick(e.App, req.Collections)
	if err != nil {
		return e.BadRequestError(i18n.Localize(i18n.Lang(e), err), err)
	}
	cur, err := decodeCursor(req.Cursor)
	if err != nil {
		return e.BadRequestError(i18n.Tr(e, "sync_bad_cursor", nil), err)
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.BadRequestError("", err)
	}
	var resp PullResponse
	err = sv.readTx(e.Request.Context(), e.App, func(db dbx.Builder) error {
		resp, err = sv.pullOn(e.App, db, info, req.ClientID, cur, colls, clamp(req.Limit, defaultPullLimit, maxPullLimit))
		return err
	})
	if err != nil {
		return e.InternalServerError(i18n.Tr(e, "sync_pull_failed", nil), err)
	}
	return e.JSON(http.StatusOK, resp)
}

// pullOn reads one pull page through db.
func (sv *service) pullOn(app core.App, db dbx.Builder, info *core.RequestInfo, clientID string, cur cursor, colls []string, limit int) (PullResponse, error) {
	resp := PullResponse{Changes: []Change{}}
	st, err := readState(db)
	if err != nil {
		return resp, err
	}
	sc, err := scopeOf(app, db, info, sv.cfg.Collections)
	if err != nil {
		return resp, err
	}
	if resp.LastMutationSeq, err = lastMutationSeq(db, clientID, info); err != nil {
		return resp, err
	}
	if reset, keep := checkCursor(app, cur, st, sc, colls); reset != nil {
		// Every answer carries a cursor. Kept: the position stands for the collections not
		// reset. Otherwise every asked collection is reset and the head read here is safe to
		// pull from once they are re-snapshotted: the snapshots are read after it.
		at := st.head
		if keep {
			at = cur.Seq
		}
		resp.Reset = reset
		resp.Cursor = encodeCursor(cursor{Epoch: st.epoch, Seq: at, Scope: sc.String()})
		return resp, nil
	}
	rows, err := changesSince(db, cur.Seq, colls, limit+1)
	if err != nil {
		return resp, err
	}
	next := st.head
	if resp.HasMore = len(rows) > limit; resp.HasMore {
		rows = rows[:limit]
		next = rows[limit-1].Seq
	}
	if resp.Changes, err = materialise(app, db, info, rows, sv.rowsFor(app)); err != nil {
		return resp, err
	}
	resp.Cursor = encodeCursor(cursor{Epoch: st.epoch, Seq: next, Scope: sc.String()})
	return resp, nil
}

// checkCursor returns the reset a cursor needs, nil when none. keep reports whether the client
// keeps its position for the collections not reset (a scope change), rather than starting over.
func checkCursor(app core.App, cur cursor, st logState, sc scope, colls []string) (*Reset, bool) {
	all := func(reason string) *Reset { return &Reset{Collections: colls, Reason: reason} }
	switch {
	case cur.Epoch == "":
		return nil, false // from the start
	case cur.Epoch != st.epoch:
		return all(ResetEpoch), false
	case cur.Seq < st.minSeq:
		return all(ResetPruned), false
	case cur.Seq > st.head:
		return all(ResetAhead), false
	}
	old := parseScope(cur.Scope)
	if old.rules != sc.rules {
		return all(ResetRules), true
	}
	if old.user == sc.user {
		return nil, false
	}
	var affected []string
	for _, name := range colls {
		if c, err := app.FindCachedCollectionByNameOrId(name); err == nil && userDependent(c) {
			affected = append(affected, name)
		}
	}
	return &Reset{Collections: affected, Reason: ResetScope}, true
}

// changesSince reads up to limit change log rows of colls after seq, in seq order. The unary +
// keeps SQLite from answering `coll IN (…)` through the (coll, rid) index, which reads the
// whole log and sorts it: the seq range of the primary key is the short path.
func changesSince(db dbx.Builder, seq int64, colls []string, limit int) ([]logRow, error) {
	var rows []logRow
	err := db.Select("seq", "coll", "rid", "op").From(changesTable).
		Where(dbx.NewExp("seq > {:seq}", dbx.Params{"seq": seq})).AndWhere(unindexedIn("coll", colls)).
		OrderBy("seq").Limit(int64(limit)).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("read changes after %d: %w", seq, err)
	}
	return rows, nil
}

// unindexedIn is `+col IN (values)`: a filter SQLite will not answer through an index.
func unindexedIn(col string, values []string) dbx.Expression {
	params := dbx.Params{}
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = fmt.Sprintf("{:in%d}", i)
		params[fmt.Sprintf("in%d", i)] = v
	}
	return dbx.NewExp("+"+col+" IN ("+strings.Join(names, ", ")+")", params)
}

// materialise turns log rows into changes: a put with the record as the REST API shows it to
// this user, or a remove when it is deleted or no longer readable by them. Records are read
// and checked per collection in bulk.
func materialise(app core.App, db dbx.Builder, info *core.RequestInfo, rows []logRow, cache *rowcache.Cache) ([]Change, error) {
	ids := map[string][]string{}
	for _, r := range rows {
		if r.Op == logPut {
			ids[r.Coll] = append(ids[r.Coll], r.Rid)
		}
	}
	bodies := map[string]map[string][]byte{}
	for coll, list := range ids {
		b, err := readableBodies(app, db, info, coll, list, cache)
		if err != nil {
			return nil, err
		}
		bodies[coll] = b
	}
	changes := make([]Change, len(rows))
	for i, r := range rows {
		changes[i] = Change{C: r.Coll, Op: OpRemove, ID: r.Rid, Rev: r.Seq}
		if body, ok := bodies[r.Coll][r.Rid]; ok {
			changes[i].Op, changes[i].R = OpPut, body
		}
	}
	return changes, nil
}

// readableBodies returns the serialised records among ids of coll that this user may read.
func readableBodies(app core.App, db dbx.Builder, info *core.RequestInfo, coll string, ids []string, cache *rowcache.Cache) (map[string][]byte, error) {
	c, err := app.FindCachedCollectionByNameOrId(coll)
	if err != nil {
		return map[string][]byte{}, nil // dropped collection: its rows arrive as removes
	}
	if newRowWriter(c) != nil {
		return readableColumns(app, db, info, c, ids, cache)
	}
	found, err := readableRecordsOn(app, db, info, coll, ids)
	if err != nil {
		return nil, err
	}
	recs := make([]*core.Record, 0, len(found))
	for _, r := range found {
		recs = append(recs, r)
	}
	raws, err := serializeRecords(app, info, recs)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(recs))
	for i, r := range recs {
		out[r.Id] = raws[i]
	}
	return out, nil
}

// lastMutationSeq reads the push counter of this user's client, 0 when there is none.
func lastMutationSeq(db dbx.Builder, clientID string, info *core.RequestInfo) (int64, error) {
	if clientID == "" || info.Auth == nil || !hasTable(db, clientsTable) {
		return 0, nil
	}
	var last int64
	err := db.Select("lastMutationSeq").From(clientsTable).
		Where(dbx.HashExp{"clientId": clientID, "user": info.Auth.Id}).Row(&last)
	if err != nil && !isNoRows(err) {
		return 0, fmt.Errorf("read last mutation seq: %w", err)
	}
	return last, nil
}

// pick returns the requested collections, or all configured ones that exist. A name that is
// not synced is refused.
func (sv *service) pick(app core.App, requested []string) ([]string, error) {
	if len(requested) == 0 {
		var out []string
		for _, name := range sv.cfg.Collections {
			if _, err := app.FindCachedCollectionByNameOrId(name); err == nil {
				out = append(out, name)
			}
		}
		return out, nil
	}
	for _, name := range requested {
		if !sv.synced(name) {
			return nil, i18n.NewError("sync_not_synced", map[string]any{"collection": name})
		}
	}
	return requested, nil
}

func (sv *service) synced(name string) bool {
	for _, c := range sv.cfg.Collections {
		if c == name {
			return true
		}
	}
	return false
}

func clamp(v, def, max int) int {
	switch {
	case v <= 0:
		return def
	case v > max:
		return max
	}
	return v
}
