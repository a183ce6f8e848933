package simulation

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	_ "github.com/pocketbase/pocketbase/migrations" // PocketBase's system migrations

	"github.com/maillage/maillage/internal/server"
	_ "github.com/maillage/maillage/migrations" // Maillage's schema
)

// Server is the real Maillage app (migrations, hooks, sync routes wired by server.Bind) served
// over real HTTP from a data dir that survives restarts. Its URL stays the same across
// restarts; requests that arrive while it restarts wait for the new app.
type Server struct {
	dir     string
	cfg     server.Config
	observe func(core.App)
	http    *httptest.Server

	mu      sync.RWMutex // held for writing while the app restarts
	app     *core.BaseApp
	handler http.Handler
	wrap    func(http.Handler) http.Handler // a broken variant laid over the app, if any
}

// StartServer starts the app on dir. observe, if not nil, is called on every new app before
// it serves (e.g. to bind the simulation's history hooks).
func StartServer(dir string, cfg server.Config, observe func(core.App)) (*Server, error) {
	s := &Server{dir: dir, cfg: cfg, observe: observe}
	if err := s.start(); err != nil {
		return nil, err
	}
	s.http = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	return s, nil
}

// URL is the server's root URL.
func (s *Server) URL() string { return s.http.URL }

// App returns the running app.
func (s *Server) App() core.App {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.app
}

// Restart stops the app once in-flight requests are done, cuts open connections, and starts a
// new app on the same data dir.
func (s *Server) Restart() error {
	s.http.CloseClientConnections() // long-lived connections (realtime) would hold s.mu
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.stop(); err != nil {
		return err
	}
	return s.start()
}

// Break lays a deliberately broken variant over the server (negative controls only).
func (s *Server) Break(kind Broken) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if kind == "" {
		s.wrap = nil
		return
	}
	s.wrap = newBreaker(kind, s).wrap
}

// Close stops the HTTP server and the app.
func (s *Server) Close() error {
	s.http.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stop()
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.wrap != nil {
		s.wrap(s.handler).ServeHTTP(w, r)
		return
	}
	s.handler.ServeHTTP(w, r)
}

// start bootstraps a new app on s.dir, migrates it, wires it as main.go does and triggers
// OnServe so that the routes and start-up work bound there run. Callers hold s.mu.
func (s *Server) start() error {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: s.dir, EncryptionEnv: "maillage_sim_unused"})
	if err := app.Bootstrap(); err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	if err := app.RunAllMigrations(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	app.Settings().Logs.MaxDays = 0 // request logs are written asynchronously: keep restarts clean
	if err := server.Bind(app, s.cfg); err != nil {
		return fmt.Errorf("bind: %w", err)
	}
	if s.observe != nil {
		s.observe(app)
	}
	router, err := apis.NewRouter(app)
	if err != nil {
		return fmt.Errorf("router: %w", err)
	}
	se := &core.ServeEvent{App: app, Router: router}
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		s.handler = mux
		return err
	})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	s.app = app
	return nil
}

// stop terminates the app as `serve` does on exit. Callers hold s.mu.
func (s *Server) stop() error {
	if s.app == nil {
		return nil
	}
	err := s.app.OnTerminate().Trigger(&core.TerminateEvent{App: s.app}, func(e *core.TerminateEvent) error {
		return e.App.ResetBootstrapState()
	})
	s.app = nil
	if err != nil {
		return fmt.Errorf("terminate: %w", err)
	}
	return nil
}
