package crashtest

import (
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	_ "github.com/pocketbase/pocketbase/migrations" // PocketBase's system migrations

	maillage "github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	_ "github.com/maillage/maillage/migrations" // Maillage's schema
	s "github.com/maillage/maillage/schema"
)

// pragmas are PocketBase's (core.DefaultDBConnect, v0.39.11) with synchronous left to choose.
const pragmas = "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=journal_size_limit(200000000)" +
	"&_pragma=synchronous(%s)&_pragma=foreign_keys(ON)&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32000)"

// dataOnly is the mode with FULL for data.db and NORMAL for auxiliary.db (PocketBase's logs).
const dataOnly = "FULL data.db"

// connectWith returns a DBConnect that opens SQLite as PocketBase does, with synchronous=mode.
func connectWith(mode string) core.DBConnectFunc {
	return func(path string) (*dbx.DB, error) {
		return dbx.Open("sqlite", path+sprintf(pragmas, setting(mode, path)))
	}
}

// setting is the synchronous value of mode for the database at path.
func setting(mode, path string) string {
	if mode != dataOnly {
		return mode
	}
	if filepath.Base(path) == "data.db" {
		return "FULL"
	}
	return "NORMAL"
}

// inProcess is the Maillage app on a data dir of its own, with a chosen synchronous mode,
// served over real HTTP on loopback, and a facilitator's token.
type inProcess struct {
	URL, user, token string
}

// serveInProcess bootstraps and migrates the app, wires it as main.go does and serves it.
func serveInProcess(t *testing.T, mode string) *inProcess {
	t.Helper()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir(), EncryptionEnv: "crashtest_unused", DBConnect: connectWith(mode)})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { // as `serve` ends: OnTerminate stops the app's timers (pokes) first
		_ = app.OnTerminate().Trigger(&core.TerminateEvent{App: app}, func(e *core.TerminateEvent) error {
			return e.App.ResetBootstrapState()
		})
	})
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	checkSynchronous(t, app, mode)
	if err := maillage.Bind(app, maillage.Config{}); err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(testapp.Router(t, app))
	t.Cleanup(hs.Close)
	rec, token := testapp.NewUser(t, app, sprintf("bench%d@example.org", len(mode)), s.RoleFacilitator)
	return &inProcess{URL: hs.URL, user: rec.Id, token: token}
}

// checkSynchronous reads the setting back from both databases: the comparison is void if the
// pragma did not apply.
func checkSynchronous(t *testing.T, app core.App, mode string) {
	t.Helper()
	for name, db := range map[string]dbx.Builder{"data.db": app.DB(), "auxiliary.db": app.AuxDB()} {
		want := map[string]int{"NORMAL": 1, "FULL": 2}[setting(mode, name)]
		var got int
		if err := db.NewQuery("PRAGMA synchronous").Row(&got); err != nil || got != want {
			t.Fatalf("%s synchronous = %d (%v), want %d (%s)", name, got, err, want, mode)
		}
	}
}
