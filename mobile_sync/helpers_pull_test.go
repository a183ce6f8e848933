package mobilesync_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// logRow is one row of the change log, read straight from SQLite.
type logRow struct {
	Seq  int64  `db:"seq"`
	Coll string `db:"coll"`
	Rid  string `db:"rid"`
	Op   string `db:"op"`
}

func (r logRow) String() string { return fmt.Sprintf("%s/%s %s", r.Coll, r.Rid, r.Op) }

// logAfter returns the change log rows after seq, in seq order.
func logAfter(t testing.TB, app core.App, seq int64) []logRow {
	t.Helper()
	var rows []logRow
	err := app.DB().NewQuery("SELECT seq, coll, rid, op FROM _sync_changes WHERE seq > {:s} ORDER BY seq").
		Bind(dbx.Params{"s": seq}).All(&rows)
	if err != nil {
		t.Fatalf("read change log: %v", err)
	}
	return rows
}

// logHead returns the highest seq in the change log (0 when empty).
func logHead(t testing.TB, app core.App) int64 {
	t.Helper()
	var seq int64
	if err := app.DB().NewQuery("SELECT coalesce(max(seq), 0) FROM _sync_changes").Row(&seq); err != nil {
		t.Fatalf("read change log head: %v", err)
	}
	return seq
}

// content returns the fields of a published content record by author in visibility.
func content(coll, author, visibility string) map[string]any {
	f := map[string]any{s.FieldAuthor: author, s.FieldVisibility: visibility, s.FieldStatus: s.StatusPublished}
	switch coll {
	case s.Events:
		f["title"], f["start"] = "Atelier", "2026-12-01 10:00:00.000Z"
	case s.Offers:
		f["title"], f["kind"], f["mode"] = "Perceuse", "offer", "loan"
	default:
		f["name"] = "Jardin partagé"
	}
	return f
}

// newContent saves a published content record through the app (hooks run).
func newContent(t testing.TB, app core.App, coll, author, visibility string) *core.Record {
	t.Helper()
	return testapp.NewRecord(t, app, coll, content(coll, author, visibility))
}

// restCreate creates a record through the REST API as u and returns its id.
func restCreate(t testing.TB, u *synctest.User, coll string, fields map[string]any) string {
	t.Helper()
	var out struct {
		ID string `json:"id"`
	}
	u.MustCall(t, http.MethodPost, "/api/collections/"+coll+"/records", fields, &out)
	return out.ID
}

// restUpdate patches a record through the REST API as u.
func restUpdate(t testing.TB, u *synctest.User, coll, id string, fields map[string]any) {
	t.Helper()
	u.MustCall(t, http.MethodPatch, "/api/collections/"+coll+"/records/"+id, fields, nil)
}

// save reloads a record, sets fields and saves it through the app (hooks run, no rules).
func save(t testing.TB, app core.App, coll, id string, fields map[string]any) {
	t.Helper()
	r, err := app.FindRecordById(coll, id)
	if err != nil {
		t.Fatalf("find %s/%s: %v", coll, id, err)
	}
	for k, v := range fields {
		r.Set(k, v)
	}
	if err := app.Save(r); err != nil {
		t.Fatalf("save %s/%s: %v", coll, id, err)
	}
}

// mustFind loads a record or fails the test.
func mustFind(t testing.TB, srv *synctest.Srv, coll, id string) *core.Record {
	t.Helper()
	r, err := srv.App.FindRecordById(coll, id)
	if err != nil {
		t.Fatalf("find %s/%s: %v", coll, id, err)
	}
	return r
}
