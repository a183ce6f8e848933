// Package binarytest runs the real maillage binary, as deployed, for the tests and tools that
// try it from outside (crash tests, replication, load, benchmarks over HTTP): built once from
// the module's source, started on a free loopback port on a data dir that outlives it, stopped
// with SIGTERM or killed with SIGKILL, its output kept for the failure messages.
//
//	bin, err := binarytest.Build(root, tmp)
//	srv := &binarytest.Server{Bin: bin, Dir: dataDir}
//	err = srv.Start()            // serve --http <free port> --dir dataDir, waits for /api/health
//	defer srv.Kill()
package binarytest

import (
	"bytes"
	"flag"
	"fmt"
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

// UpWithin bounds the wait for a starting server: a limit, not an expected duration.
const UpWithin = 2 * time.Minute

// Build compiles the module rooted at root (`go build`, as the README and the Dockerfile do)
// into dir/maillage and returns its path.
func Build(root, dir string) (string, error) {
	bin := filepath.Join(dir, "maillage")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// FreeAddr returns a 127.0.0.1 address with a port free right now.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// Log collects a process's output from its pipes' goroutines.
type Log struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String is everything written so far.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Server is a `maillage serve` process on Dir, a data dir that outlives it: Start may be called
// again after Kill or Stop, on the same address.
type Server struct {
	Bin  string   // the binary
	Dir  string   // the data dir
	Addr string   // host:port; a free loopback port when empty at the first Start
	Args []string // more arguments of serve (e.g. --demo)
	Env  []string // more environment variables

	cmd    *exec.Cmd
	out    *Log
	exited chan struct{}
}

// Run runs a command of the binary on the data dir (`maillage ARGS --dir DIR`, with Env) and
// returns its standard output; a failure includes its standard error.
func (s *Server) Run(args ...string) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(s.Bin, append(args, "--dir", s.Dir)...)
	cmd.Env = append(os.Environ(), s.Env...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("maillage %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes(), nil
}

// Start starts serve and waits until /api/health answers 200; a server that exits or does not
// answer within UpWithin is an error that carries its output.
func (s *Server) Start() error {
	if s.Addr == "" {
		addr, err := FreeAddr()
		if err != nil {
			return err
		}
		s.Addr = addr
	}
	s.out, s.exited = &Log{}, make(chan struct{})
	s.cmd = exec.Command(s.Bin, append([]string{"serve", "--http", s.Addr, "--dir", s.Dir}, s.Args...)...)
	s.cmd.Env = append(os.Environ(), s.Env...)
	s.cmd.Stdout, s.cmd.Stderr = s.out, s.out
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("start serve: %w", err)
	}
	go func(cmd *exec.Cmd, exited chan struct{}) { _ = cmd.Wait(); close(exited) }(s.cmd, s.exited)
	return s.waitUp()
}

// waitUp polls /api/health until it answers 200, the process dies or UpWithin passes.
func (s *Server) waitUp() error {
	deadline := time.Now().Add(UpWithin)
	for tick := time.NewTicker(20 * time.Millisecond); time.Now().Before(deadline); <-tick.C {
		select {
		case <-s.exited:
			return fmt.Errorf("serve exited before answering:\n%s", s.out)
		default:
		}
		if res, err := http.Get(s.URL("/api/health")); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	s.Kill()
	return fmt.Errorf("serve did not answer within %v:\n%s", UpWithin, s.out)
}

// Kill sends SIGKILL (kill -9) and waits until the process is gone; nothing when not running.
func (s *Server) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
}

// Stop sends SIGTERM, as a deployment does, and waits for the exit (SIGKILL after grace).
// It tells whether the process ended within grace.
func (s *Server) Stop(grace time.Duration) bool {
	if s.cmd == nil || s.cmd.Process == nil {
		return true
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
		return true
	case <-time.After(grace):
		s.Kill()
		return false
	}
}

// Exited is closed once the process started last has ended.
func (s *Server) Exited() <-chan struct{} { return s.exited }

// ExitCode is the exit code of the process once it has ended (-1 when killed by a signal).
func (s *Server) ExitCode() int { return s.cmd.ProcessState.ExitCode() }

// URL is the address of path on the server.
func (s *Server) URL(path string) string { return "http://" + s.Addr + path }

// PID is the process id of the server started last.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// Output is what the server started last wrote on its standard output and error.
func (s *Server) Output() string { return s.out.String() }

// Main builds the binary for a test package's TestMain and runs its tests: *bin is the binary
// named by the environment variable envVar when set (one already built), else one built from
// root into a temporary dir removed afterwards; under -short nothing is built (the tests that
// need the binary skip themselves).
//
//	func TestMain(m *testing.M) { os.Exit(binarytest.Main(m, "..", "CRASHTEST_BINARY", &binary)) }
func Main(m *testing.M, root, envVar string, bin *string) int {
	flag.Parse()
	if *bin = os.Getenv(envVar); *bin != "" || testing.Short() {
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "maillage-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	if *bin, err = Build(root, dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}
