package mobilesync

import (
	"fmt"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Snapshot page sizes.
const (
	defaultSnapshotLimit = 1000
	maxSnapshotLimit     = 5000
)

// snapshot answers POST /api/sync/snapshot: one page, in id order, of the records of a
// collection this user may list. The first page fixes snapshotSeq, the head of the change log
// read in the same read transaction; the last page carries the cursor to pull from.
func (sv *service) snapshot(e *core.RequestEvent) error {
	var req SnapshotRequest
	if err := e.BindBody(&req); err != nil {
		return e.BadRequestError(i18n.Tr(e, "sync_snapshot_bad_json", nil), err)
	}
	if !sv.synced(req.Collection) {
		return e.BadRequestError(i18n.Tr(e, "sync_not_synced", map[string]any{"collection": req.Collection}), nil)
	}
	c, err := e.App.FindCachedCollectionByNameOrId(req.Collection)
	if err != nil {
		return e.BadRequestError(i18n.Tr(e, "sync_snapshot_missing", map[string]any{"collection": req.Collection}), err)
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.BadRequestError("", err)
	}
	var resp SnapshotResponse
	err = sv.readTx(e.Request.Context(), e.App, func(db dbx.Builder) error {
		resp, err = sv.snapshotOn(e.App, db, info, c, req)
		return err
	})
	if err != nil {
		if se, ok := err.(snapshotError); ok {
			return e.BadRequestError(i18n.Tr(e, string(se), nil), nil)
		}
		return e.InternalServerError(i18n.Tr(e, "sync_snapshot_failed", nil), err)
	}
	return e.Blob(http.StatusOK, "application/json", appendSnapshotResponse(make([]byte, 0, snapshotSize(resp)), resp))
}

// snapshotError is a request the snapshot cannot serve, explained to the client: the key of
// its message.
type snapshotError string

func (e snapshotError) Error() string { return i18n.T(i18n.FR, string(e), nil) }

// snapshotOn reads one snapshot page through db.
func (sv *service) snapshotOn(app core.App, db dbx.Builder, info *core.RequestInfo, c *core.Collection, req SnapshotRequest) (SnapshotResponse, error) {
	resp := SnapshotResponse{Records: []SnapshotRecord{}, SnapshotSeq: req.SnapshotSeq}
	st, err := readState(db)
	if err != nil {
		return resp, err
	}
	if req.SnapshotSeq > st.head || req.SnapshotSeq < 0 {
		return resp, snapshotError("sync_snapshot_stale")
	}
	if resp.SnapshotSeq == 0 {
		resp.SnapshotSeq = st.head
	}
	limit := clamp(req.Limit, defaultSnapshotLimit, maxSnapshotLimit)
	q := app.RecordQuery(c).
		AndWhere(dbx.NewExp(quoteIdent(c.Name)+".id > {:after}", dbx.Params{"after": req.AfterID})).
		OrderBy(c.Name + ".id").Limit(int64(limit + 1)) // dbx quotes "table.column" itself
	pg, err := readPage(app, db, info, c, q, sv.rowsFor(app))
	if err != nil {
		return resp, err
	}
	if resp.Done = len(pg.ids) <= limit; !resp.Done {
		pg = pg.first(limit)
		resp.NextAfterID = pg.ids[limit-1]
	}
	if resp.Records, err = snapshotRecords(db, c.Name, pg); err != nil {
		return resp, err
	}
	if resp.Done {
		sc, err := scopeOf(app, db, info, sv.cfg.Collections)
		if err != nil {
			return resp, err
		}
		moved, err := factsMovedSince(db, info, resp.SnapshotSeq)
		if err != nil {
			return resp, err
		}
		if moved {
			sc.user = scopeMoved
		}
		resp.Cursor = encodeCursor(cursor{Epoch: st.epoch, Seq: resp.SnapshotSeq, Scope: sc.String()})
	}
	return resp, nil
}

// scopeMoved stands for the user part of a scope that changed while a snapshot was read: the
// pages read before the change follow the old scope, so the next pull must reset.
const scopeMoved = "moved"

// factsMovedSince reports whether what the user may read may have changed after seq: a change
// to any membership or community (conservatively: membership and ownership changes are rare)
// or to the user's own record. Anonymous users and superusers depend on none of these.
func factsMovedSince(db dbx.Builder, info *core.RequestInfo, seq int64) (bool, error) {
	if info.Auth == nil || info.Auth.Collection().Name != s.Users {
		return false, nil
	}
	var n int
	err := db.NewQuery("SELECT count(*) FROM " + changesTable + " WHERE seq > {:seq} AND " +
		"(coll IN ({:m}, {:c}) OR (coll = {:u} AND rid = {:me}))").
		Bind(dbx.Params{"seq": seq, "m": s.Memberships, "c": s.Communities, "u": s.Users, "me": info.Auth.Id}).Row(&n)
	if err != nil {
		return false, fmt.Errorf("read scope changes since %d: %w", seq, err)
	}
	return n > 0, nil
}

// snapshotRecords pairs the rows of a page with their revs, looked up unless the page has them.
func snapshotRecords(db dbx.Builder, coll string, pg page) ([]SnapshotRecord, error) {
	revs := pg.revs
	if revs == nil {
		var err error
		if revs, err = revsInOrder(db, coll, pg.ids); err != nil {
			return nil, err
		}
	}
	out := make([]SnapshotRecord, len(pg.ids))
	for i, id := range pg.ids {
		out[i] = SnapshotRecord{ID: id, Rev: revs[i], R: pg.raws[i]}
	}
	return out, nil
}
