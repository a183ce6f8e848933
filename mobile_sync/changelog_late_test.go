package mobilesync_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/indicators"
	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// A late commit is never missed. PocketBase stamps `updated` before it asks for its single
// write connection, so a save can stamp its record, wait, and commit after another writer
// stamped later and committed. Here that other writer (B) is a second app on the same
// database (another process, a CLI, a cron job): A stamps and waits for the write connection,
// which the test holds; B saves and commits; a client pulls; the test lets the connection go
// and A commits a record older than what the client has seen. The change log gives seq at
// write time, under SQLite's write lock, so A's seq is above the client's cursor and the next
// pull brings A; a naive `updated > since` puller misses A (negative control).
func TestLateCommitIsNotMissed(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	app := srv.App
	// The indicators open a create's transaction before PocketBase stamps updated, which orders
	// those saves; the change log must also hold for writes nothing orders (other collections,
	// other processes, raw SQL), so the late commit is built without that hook.
	app.OnRecordCreateExecute().Unbind(indicators.CreateHook)
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	reader := srv.Anonymous()
	cursor := reader.SnapshotAll(t, s.Initiatives, 0).Cursor
	other := secondApp(t, app.DataDir())

	held := holdWriteConnection(t, app)
	waits := writeWaits(t, app)
	aDone := make(chan *core.Record)
	go func() { aDone <- saveAsync(app, content(s.Initiatives, fac.ID(), s.VisibilityPublic)) }()
	waitUntil(t, "A to wait for the write connection", func() bool { return writeWaits(t, app) > waits })
	b := newContent(t, other, s.Initiatives, fac.ID(), s.VisibilityPublic)
	first := reader.PullAll(t, cursor, s.Initiatives)
	naiveSince := b.GetString(s.FieldUpdated)
	held.Close() //nolint:errcheck // gives the connection back to the pool: A writes now
	a := <-aDone
	if a == nil {
		t.Fatalf("save of A failed (see the log)")
	}

	if a.GetString(s.FieldUpdated) > naiveSince || seqOf(t, app, a.Id) < seqOf(t, app, b.Id) {
		t.Fatalf("interleaving not reached: A updated %s seq %d, B updated %s seq %d",
			a.GetString(s.FieldUpdated), seqOf(t, app, a.Id), naiveSince, seqOf(t, app, b.Id))
	}
	if got := synctest.IDs(first.Changes, s.Initiatives, ms.OpPut); !slices.Equal(got, []string{b.Id}) {
		t.Fatalf("first pull got %v, want only B %s", got, b.Id)
	}
	second := reader.PullAll(t, first.Cursor, s.Initiatives)
	if got := synctest.IDs(second.Changes, s.Initiatives, ms.OpPut); !slices.Equal(got, []string{a.Id}) {
		t.Errorf("pull after A committed got %v, want A %s", got, a.Id)
	}
	if naive := naivePull(t, reader, naiveSince); slices.Contains(naive, a.Id) {
		t.Errorf("negative control: the naive `updated > since` puller found A; the test did not build a late commit")
	}
}

// secondApp opens another PocketBase app on dataDir, as a second process would.
func secondApp(t *testing.T, dataDir string) core.App {
	t.Helper()
	other := core.NewBaseApp(core.BaseAppConfig{DataDir: dataDir})
	if err := other.Bootstrap(); err != nil {
		t.Fatalf("second app: %v", err)
	}
	t.Cleanup(func() { _ = other.ResetBootstrapState() })
	return other
}

// holdWriteConnection takes app's only write connection out of its pool until it is closed.
func holdWriteConnection(t *testing.T, app core.App) *sql.Conn {
	t.Helper()
	conn, err := app.NonconcurrentDB().(*dbx.DB).DB().Conn(context.Background())
	if err != nil {
		t.Fatalf("hold the write connection: %v", err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return conn
}

// saveAsync saves an initiative from another goroutine: nil when that fails.
func saveAsync(app core.App, fields map[string]any) *core.Record {
	c, err := app.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		app.Logger().Error("late commit test: collection", "error", err)
		return nil
	}
	r := core.NewRecord(c)
	r.Load(fields)
	if err := app.Save(r); err != nil {
		app.Logger().Error("late commit test: save A", "error", err)
		return nil
	}
	return r
}

// writeWaits is how many times a caller has waited for the app's single write connection.
func writeWaits(t *testing.T, app core.App) int64 {
	db, ok := app.NonconcurrentDB().(*dbx.DB)
	if !ok {
		t.Fatalf("the write pool is a %T, not a *dbx.DB", app.NonconcurrentDB())
	}
	return db.DB().Stats().WaitCount
}

// waitUntil polls cond; it fails the test only if cond never holds (no timing is asserted).
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}

func seqOf(t *testing.T, app core.App, id string) int64 {
	t.Helper()
	var seq int64
	if err := app.DB().NewQuery("SELECT seq FROM _sync_changes WHERE rid = {:id}").Bind(dbx.Params{"id": id}).Row(&seq); err != nil {
		t.Fatalf("seq of %s: %v", id, err)
	}
	return seq
}

// naivePull is the community's sync: the REST list filtered on updated > since.
func naivePull(t *testing.T, u *synctest.User, since string) []string {
	t.Helper()
	q := url.Values{"filter": {"updated > '" + since + "'"}, "sort": {"updated"}, "perPage": {"1000"}}
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	u.MustCall(t, http.MethodGet, "/api/collections/initiatives/records?"+q.Encode(), nil, &page)
	ids := make([]string, len(page.Items))
	for i, it := range page.Items {
		ids[i] = it.ID
	}
	return ids
}
