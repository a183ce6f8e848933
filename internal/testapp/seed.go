package testapp

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
)

// Seed prepares dir once for a package's tests or benchmarks (then opened by Clone, or as a
// data dir of its own): an app on dir, bootstrapped, migrated and wired with server.Bind as
// main.go does, runs seed, and is shut down as the binary does at exit (OnTerminate first, so
// that the sync poker stops, then the connections close).
//
//	func TestMain(m *testing.M) { dir, _ := os.MkdirTemp("", "x_*"); err := testapp.Seed(dir, seedWorld); … }
func Seed(dir string, seed func(app core.App) error) error {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	defer terminate(app)
	if err := app.RunAllMigrations(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if err := server.Bind(app, server.Config{}); err != nil {
		return fmt.Errorf("bind: %w", err)
	}
	return seed(app)
}

// terminate shuts app down as the binary does at exit.
func terminate(app core.App) {
	_ = app.OnTerminate().Trigger(&core.TerminateEvent{App: app}, func(e *core.TerminateEvent) error {
		return e.App.ResetBootstrapState()
	})
}

// Router returns app's router as serving builds it (OnServe runs: the routes and whatever the
// serve hooks start), without the routes of the hooks named in without.
func Router(t testing.TB, app core.App, without ...string) http.Handler {
	t.Helper()
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: r}, func(e *core.ServeEvent) error {
		for _, id := range without {
			e.Router.Unbind(id)
		}
		mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	return mux
}
