package replication

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The real binary under test, built once by TestMain (as crashtest does).
var binary string

const (
	adminEmail = "replica-admin@example.org"
	password   = "replica test password"
	// upWithin bounds the wait for a starting server: a limit, not an expected duration.
	upWithin = 2 * time.Minute
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

// run builds the binary unless -short skips the tests that need it or REPLICATION_BINARY
// names one already built.
func run(m *testing.M) int {
	flag.Parse()
	if binary = os.Getenv("REPLICATION_BINARY"); binary != "" || testing.Short() {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "replication-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "maillage")
	cmd := exec.Command("go", "build", "-o", binary, ".")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// skipShort skips a test that runs the real binary under -short.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the real binary: run without -short")
	}
}

// server is a `maillage serve --replicate CONFIG` process on a data dir that outlives it.
type server struct {
	t      *testing.T
	dir    string
	addr   string
	config string
	cmd    *exec.Cmd
	out    *logBuffer
	exited chan struct{}
}

// newServer makes a data dir with a superuser and starts a replicating server on it.
func newServer(t *testing.T, config string) *server {
	t.Helper()
	s := &server{t: t, dir: t.TempDir(), addr: freeAddr(t), config: config}
	s.maillage("superuser", "upsert", adminEmail, password)
	s.start()
	t.Cleanup(s.kill)
	return s
}

// maillage runs a command of the binary on the data dir with the replication configuration.
func (s *server) maillage(args ...string) []byte {
	s.t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(binary, append(args, "--dir", s.dir, "--replicate", s.config)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		s.t.Fatalf("maillage %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

// start starts `maillage serve` on the address and data dir and waits until it answers.
func (s *server) start() {
	s.t.Helper()
	s.out, s.exited = &logBuffer{}, make(chan struct{})
	s.cmd = exec.Command(binary, "serve", "--http", s.addr, "--dir", s.dir, "--replicate", s.config)
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("start serve: %v", err)
	}
	go func(cmd *exec.Cmd, exited chan struct{}) { _ = cmd.Wait(); close(exited) }(s.cmd, s.exited)
	s.waitUp()
}

// waitUp polls /api/health until it answers 200, the process dies or upWithin passes.
func (s *server) waitUp() {
	s.t.Helper()
	deadline := time.Now().Add(upWithin)
	for tick := time.NewTicker(20 * time.Millisecond); time.Now().Before(deadline); <-tick.C {
		select {
		case <-s.exited:
			s.t.Fatalf("serve exited before answering:\n%s", s.out)
		default:
		}
		if res, err := http.Get(s.url("/api/health")); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
	}
	s.t.Fatalf("serve did not answer within %v:\n%s", upWithin, s.out)
}

// kill sends SIGKILL (kill -9) and waits until the process is gone.
func (s *server) kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
	http.DefaultTransport.(*http.Transport).CloseIdleConnections() // to the killed process
}

func (s *server) url(path string) string { return "http://" + s.addr + path }

// db is the path of the server's data.db.
func (s *server) db() string { return filepath.Join(s.dir, dataDB) }

// call sends a JSON request and decodes a 2xx answer into out (if not nil).
func (s *server) call(method, path, token string, in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(method, s.url(path), bytes.NewReader(b))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

// freeAddr returns a 127.0.0.1 address with a port free right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	defer l.Close()
	return l.Addr().String()
}

// logBuffer collects the server's output from its pipes' goroutines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
