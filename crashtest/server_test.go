package crashtest

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/maillage/maillage/internal/binarytest"
)

// The real binary under test, built once by TestMain.
var binary string

const (
	adminEmail = "crash-admin@example.org"
	password   = "crash test password"
)

// TestMain builds the binary (go build, as e2e/harness.mjs does) unless -short skips these
// tests or CRASHTEST_BINARY names one already built.
func TestMain(m *testing.M) {
	os.Exit(binarytest.Main(m, "..", "CRASHTEST_BINARY", &binary))
}

// server is a `maillage serve` process on a data dir that outlives it.
type server struct {
	*binarytest.Server
	t   *testing.T
	dir string
}

// newServer makes a data dir with a superuser and starts a server on it.
func newServer(t *testing.T) *server {
	t.Helper()
	s := &server{Server: &binarytest.Server{Bin: binary, Dir: t.TempDir()}, t: t}
	s.dir = s.Dir
	s.maillage("superuser", "upsert", adminEmail, password)
	s.start()
	t.Cleanup(s.Kill)
	return s
}

// maillage runs a command of the binary on the data dir and returns its standard output.
func (s *server) maillage(args ...string) []byte {
	s.t.Helper()
	out, err := s.Run(args...)
	if err != nil {
		s.t.Fatal(err)
	}
	return out
}

// start starts `maillage serve` on the same address and data dir and waits until it answers.
func (s *server) start() {
	s.t.Helper()
	if err := s.Start(); err != nil {
		s.t.Fatal(err)
	}
}

// kill sends SIGKILL (kill -9) and waits until the process is gone.
func (s *server) kill() { s.Kill() }

// restart kills the server with SIGKILL and starts it again on the same data dir.
func (s *server) restart() {
	s.t.Helper()
	s.kill()
	s.start()
}

func (s *server) url(path string) string { return s.URL(path) }

// db is the path of the main SQLite database.
func (s *server) db() string { return filepath.Join(s.dir, "data.db") }

// call sends a JSON request and decodes a 2xx answer into out (if not nil).
func (s *server) call(method, path, token string, in, out any) error {
	return binarytest.Call(context.Background(), http.DefaultClient, method, s.url(path), token, in, out)
}

// do sends req and decodes a 2xx JSON answer into out (if not nil).
func do(req *http.Request, out any) error { return binarytest.Do(http.DefaultClient, req, out) }
