package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Superuser of the servers the load generator starts, and the password of every account.
const (
	AdminEmail = "load-admin@example.org"
	Password   = "load test password"
	upWithin   = 2 * time.Minute // a limit on a starting server's wait, not an expected time
)

// Build compiles the maillage binary of the module rooted at root into dir.
func Build(root, dir string) (string, error) {
	bin := filepath.Join(dir, "maillage")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// Server is a `maillage serve --demo` process on loopback, on a data dir of its own.
type Server struct {
	Addr   string
	Dir    string
	cmd    *exec.Cmd
	out    syncBuffer
	exited chan struct{}
}

// syncBuffer collects the server's output from its pipes' goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// StartServer makes a data dir in dir with a superuser and serves it with the demo territory.
// Rate limits are off: every device shares the loopback address, which the default limits
// would count as one client. env adds variables (e.g. MAILLAGE_PPROF).
func StartServer(bin, dir string, env ...string) (*Server, error) {
	addr, err := FreeAddr()
	if err != nil {
		return nil, err
	}
	s := &Server{Addr: addr, Dir: dir, exited: make(chan struct{})}
	up := exec.Command(bin, "superuser", "upsert", AdminEmail, Password, "--dir", dir)
	if out, err := up.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("superuser upsert: %v\n%s", err, out)
	}
	s.cmd = exec.Command(bin, "serve", "--demo", "--http", addr, "--dir", dir)
	s.cmd.Env = append(append(os.Environ(), "MAILLAGE_RATE_LIMITS=off"), env...)
	s.cmd.Stdout, s.cmd.Stderr = &s.out, &s.out
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start serve: %w", err)
	}
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	return s, s.waitUp()
}

// Output is what the server wrote on its standard output and error.
func (s *Server) Output() string { return s.out.String() }

// URL is the server's root URL.
func (s *Server) URL() string { return "http://" + s.Addr }

// PID is the server process id.
func (s *Server) PID() int { return s.cmd.Process.Pid }

// waitUp polls /api/health until it answers 200, the process dies or upWithin passes.
func (s *Server) waitUp() error {
	deadline := time.Now().Add(upWithin)
	for tick := time.NewTicker(20 * time.Millisecond); time.Now().Before(deadline); <-tick.C {
		select {
		case <-s.exited:
			return fmt.Errorf("serve exited before answering:\n%s", s.out.String())
		default:
		}
		if res, err := http.Get(s.URL() + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return nil
			}
		}
	}
	s.Stop()
	return fmt.Errorf("serve did not answer within %v", upWithin)
}

// Stop ends the server with SIGTERM (SIGKILL after 10 s) and waits for it.
func (s *Server) Stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// Memory is a process's resident memory (VmRSS) and its peak (VmHWM), in MB.
type Memory struct{ RSS, Peak float64 }

// ReadMemory reads /proc/PID/status of a process.
func ReadMemory(pid int) (Memory, error) {
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return Memory{}, err
	}
	var m Memory
	for line := range strings.SplitSeq(string(status), "\n") {
		k, v, _ := strings.Cut(line, ":")
		kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
		switch k {
		case "VmRSS":
			m.RSS = kb / 1024
		case "VmHWM":
			m.Peak = kb / 1024
		}
	}
	return m, nil
}

// CPUTime reads the processor time (user + system) a process has used, from /proc/PID/stat.
func CPUTime(pid int) (time.Duration, error) {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, err
	}
	_, rest, _ := strings.Cut(string(stat), ") ") // the command name may hold spaces
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100, nil // USER_HZ is 100 on Linux
}

// CPUProfile fetches a CPU profile of d from a server started with MAILLAGE_PPROF=pprofAddr
// and writes it to file.
func CPUProfile(ctx context.Context, pprofAddr string, d time.Duration, file string) error {
	url := fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", pprofAddr, int(d.Seconds()))
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(res.Body); err != nil {
		return err
	}
	return os.WriteFile(file, buf.Bytes(), 0o644)
}

// FreeAddr returns a 127.0.0.1 address with a port free right now.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}
