package replication

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/maillage/maillage/internal/binarytest"
)

// The real binary under test, built once by TestMain (as crashtest does).
var binary string

const (
	adminEmail = "replica-admin@example.org"
	password   = "replica test password"
	// upWithin bounds the waits for the replica: a limit, not an expected duration.
	upWithin = binarytest.UpWithin
)

// TestMain builds the binary unless -short skips the tests that need it or REPLICATION_BINARY
// names one already built.
func TestMain(m *testing.M) {
	os.Exit(binarytest.Main(m, "..", "REPLICATION_BINARY", &binary))
}

// skipShort skips a test that runs the real binary under -short.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the real binary: run without -short")
	}
}

// server is a `maillage serve --replicate CONFIG` process on a data dir that outlives it
// (dir and config may change between a kill and the next start).
type server struct {
	*binarytest.Server
	t      *testing.T
	dir    string
	config string
}

// newServer makes a data dir with a superuser and starts a replicating server on it.
func newServer(t *testing.T, config string) *server {
	t.Helper()
	s := &server{Server: &binarytest.Server{Bin: binary}, t: t, dir: t.TempDir(), config: config}
	s.maillage("superuser", "upsert", adminEmail, password)
	s.start()
	t.Cleanup(s.kill)
	return s
}

// maillage runs a command of the binary on the data dir with the replication configuration.
func (s *server) maillage(args ...string) []byte {
	s.t.Helper()
	s.Dir = s.dir
	out, err := s.Run(append(args, "--replicate", s.config)...)
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

// start starts `maillage serve` on the address and data dir and waits until it answers.
func (s *server) start() {
	s.t.Helper()
	s.Dir, s.Args = s.dir, []string{"--replicate", s.config}
	if err := s.Start(); err != nil {
		s.t.Fatal(err)
	}
}

// kill sends SIGKILL (kill -9) and waits until the process is gone.
func (s *server) kill() {
	s.Kill()
	http.DefaultTransport.(*http.Transport).CloseIdleConnections() // to the killed process
}

func (s *server) url(path string) string { return s.URL(path) }

// db is the path of the server's data.db.
func (s *server) db() string { return filepath.Join(s.dir, dataDB) }

// call sends a JSON request and decodes a 2xx answer into out (if not nil).
func (s *server) call(method, path, token string, in, out any) error {
	return binarytest.Call(context.Background(), http.DefaultClient, method, s.url(path), token, in, out)
}
