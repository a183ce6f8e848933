package dbconnect

import (
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// A PocketBase app opened with ServerConnect reads data.db through connections with a page
// cache of ReaderCacheKiB and writes through one with PocketBase's 32 MB, also after a new
// bootstrap (as a backup restore makes); auxiliary.db keeps PocketBase's. Control: Connect
// gives the readers the writer's cache, which the check tells apart.
func TestReadersCacheLessThanTheWriter(t *testing.T) {
	app := bootstrapped(t, ServerConnect(func() bool { return false }))
	for round := range 2 {
		if got := cacheSize(t, app.ConcurrentDB()); got != -ReaderCacheKiB {
			t.Errorf("round %d: readers' cache_size %d, want %d", round, got, -ReaderCacheKiB)
		}
		if got := cacheSize(t, app.NonconcurrentDB()); got != -32000 {
			t.Errorf("round %d: writer's cache_size %d, want -32000", round, got)
		}
		if got := cacheSize(t, app.AuxConcurrentDB()); got != -32000 {
			t.Errorf("round %d: auxiliary readers' cache_size %d, want -32000", round, got)
		}
		if err := app.ResetBootstrapState(); err != nil {
			t.Fatal(err)
		}
		if err := app.Bootstrap(); err != nil {
			t.Fatal(err)
		}
	}
	if got := cacheSize(t, bootstrapped(t, Connect).ConcurrentDB()); got == -ReaderCacheKiB {
		t.Errorf("control: Connect's readers have the readers' cache_size %d", got)
	}
}

func bootstrapped(t *testing.T, connect core.DBConnectFunc) core.App {
	t.Helper()
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: t.TempDir(), DBConnect: connect})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	return app
}

func cacheSize(t *testing.T, db dbx.Builder) int {
	t.Helper()
	var n int
	if err := db.NewQuery("PRAGMA cache_size").Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
