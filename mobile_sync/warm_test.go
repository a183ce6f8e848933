package mobilesync_test

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/rowcache"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// What a commit puts is rendered into the row cache in the background, before any device reads
// it, exactly as the snapshot renders it; an update is rendered again at its new rev. The test
// fails (after keptWithin) if nothing warms the cache: no reader runs between the writes and
// the wait.
func TestWarmingKeepsRecordsBeforeTheFirstReader(t *testing.T) {
	cache := rowcache.New(32 << 20)
	cfg := ms.DefaultConfig()
	cfg.Rows = cache
	srv := synctest.Start(t, server.Config{Sync: cfg})
	admin := srv.Superuser(t, "root@example.org")
	author := srv.NewUser(t, "author@example.org", s.RoleFacilitator)
	cursor := admin.PullAll(t, "", s.Initiatives).Cursor
	var ids []string
	for range 3 {
		ids = append(ids, restCreate(t, author, s.Initiatives, content(s.Initiatives, author.ID(), s.VisibilityPublic)))
	}
	for _, id := range ids {
		if kept := waitKept(t, srv.App, cache, id); !bytes.Equal(kept, snapshotted(t, admin, id).R) {
			t.Errorf("%s: kept\n%s\nthe snapshot writes\n%s", id, kept, snapshotted(t, admin, id).R)
		}
	}
	restUpdate(t, author, s.Initiatives, ids[0], map[string]any{"name": "Renommé avant toute lecture"})
	if kept := decoded(t, waitKept(t, srv.App, cache, ids[0]))["name"]; kept != "Renommé avant toute lecture" {
		t.Errorf("after an update the cache keeps name %v", kept)
	}
	wantServedAsREST(t, admin, ids[0], cursor)
}

// keptWithin bounds the wait for the background rendering (milliseconds on a quiet machine).
const keptWithin = 20 * time.Second

// waitKept waits until the cache keeps the initiative id at its current rev and returns it.
func waitKept(t *testing.T, app core.App, cache *rowcache.Cache, id string) []byte {
	t.Helper()
	c, err := app.FindCachedCollectionByNameOrId(s.Initiatives)
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(keptWithin); ; time.Sleep(10 * time.Millisecond) {
		var rev int64
		err := app.DB().NewQuery("SELECT seq FROM _sync_changes WHERE coll = {:c} AND rid = {:id}").
			Bind(dbx.Params{"c": s.Initiatives, "id": id}).Row(&rev)
		if err != nil {
			t.Fatal(err)
		}
		if b, ok := cache.Get(rowcache.KeyOf(ms.FormSync, c, id), rev); ok {
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s is not kept at rev %d %s after its write, with no reader", id, rev, keptWithin)
		}
	}
}

// The warmer ends with the app: once the app's termination returns, no pass reads it (a pass
// that outlived it read a closed database and crashed the process). A server started twice
// runs one warmer. Fails when each start runs its own warmer, and (when the warmer happens to
// be busy) when termination does not wait for it.
func TestWarmingEndsWithTheApp(t *testing.T) {
	cfg := ms.DefaultConfig()
	cfg.Rows = rowcache.New(32 << 20)
	app := testapp.New(t, server.Config{Sync: cfg})
	for range 2 {
		router, err := apis.NewRouter(app)
		if err != nil {
			t.Fatal(err)
		}
		serve := &core.ServeEvent{App: app, Router: router}
		if err := app.OnServe().Trigger(serve, func(*core.ServeEvent) error { return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if n := warmers(); n != 1 {
		t.Errorf("%d warmers run after two starts, want 1", n)
	}
	app.Cleanup()
	if n := warmers(); n != 0 {
		t.Errorf("%d warmers still run after the app's termination", n)
	}
}

// warmers counts the goroutines running a warmer.
func warmers() int {
	buf := make([]byte, 1<<20)
	return strings.Count(string(buf[:runtime.Stack(buf, true)]), "mobile_sync.(*warmer).run(")
}
