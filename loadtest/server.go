package loadtest

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/maillage/maillage/internal/binarytest"
)

// Superuser of the servers the load generator starts, and the password of every account.
const (
	AdminEmail = "load-admin@example.org"
	Password   = "load test password"
)

// StartServer makes a data dir in dir with a superuser and serves it with the demo territory.
// Rate limits are off: every device shares the loopback address, which the default limits
// would count as one client. env adds variables (e.g. MAILLAGE_PPROF).
func StartServer(bin, dir string, env ...string) (*binarytest.Server, error) {
	return StartSeeded(bin, dir, 0, env...)
}

// StartSeeded is StartServer with records initiatives added once the server has started (its
// migrations made the collections), before any device arrives (SeedInitiatives); the server
// is then restarted, so that its connections plan with the grown tables' statistics.
func StartSeeded(bin, dir string, records int, env ...string) (*binarytest.Server, error) {
	s := &binarytest.Server{Bin: bin, Dir: dir, Args: []string{"--demo"}, Env: append([]string{"MAILLAGE_RATE_LIMITS=off"}, env...)}
	if _, err := s.Run("superuser", "upsert", AdminEmail, Password); err != nil {
		return nil, err
	}
	if err := s.Start(); err != nil {
		return nil, err
	}
	if records <= 0 {
		return s, nil
	}
	err := SeedInitiatives(dir, records)
	s.Stop(10 * time.Second)
	if err != nil {
		return nil, err
	}
	return s, s.Start()
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
