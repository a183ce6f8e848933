package replication

// The figures of docs/reliability.md and BENCHMARKS.md, "Replication (Litestream)": long mode
// only (REPLICATION_LAG_WRITES=N), on the real binary with a file replica:
//
//	REPLICATION_LAG_WRITES=200 go test ./replication/ -run TestReplicationFigures -count=1 -v
//
// (-run TestReplicationFigures/throughput, /lag or /loss runs one part.)
// REPLICATION_INTERVAL (default 1s, the shipped value) is both Litestream's monitor and sync
// interval; REPLICATION_THROUGHPUT_WRITES (default 300) the writes of each throughput run,
// REPLICATION_ROUNDS (default 2) how many rounds of both runs, in turns.

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/superfly/ltx"
)

func TestReplicationFigures(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("REPLICATION_LAG_WRITES"))
	if n <= 0 || testing.Short() {
		t.Skip("long mode: REPLICATION_LAG_WRITES=N (docs/reliability.md)")
	}
	interval := envDuration(t, "REPLICATION_INTERVAL", time.Second)
	k, _ := strconv.Atoi(os.Getenv("REPLICATION_THROUGHPUT_WRITES"))
	if k <= 0 {
		k = 300
	}
	t.Setenv("MAILLAGE_RATE_LIMITS", "off") // the servers' new databases: no limit on writes
	t.Logf("monitor and sync interval %v", interval)
	t.Run("lag", func(t *testing.T) { measureLag(t, n, interval) })
	t.Run("loss", func(t *testing.T) {
		for i := range 3 {
			measureLoss(t, i, interval)
		}
	})
	t.Run("throughput", func(t *testing.T) { measureThroughput(t, k, interval) })
}

// measureLag: n sequential REST writes; each one's lag is the time from its acknowledgement
// to the first replica state that holds it (the replica's last transaction id is polled, and
// each new one is restored and searched).
func measureLag(t *testing.T, n int, interval time.Duration) {
	replicaDir := filepath.Join(t.TempDir(), "replica")
	cfg := writeConfig(t, replicaDir, interval)
	s := newServer(t, cfg)
	u := s.facilitator("lag@example.org")
	lags := make([]time.Duration, 0, n)
	for i := range n {
		name := fmt.Sprintf("lag %d", i)
		s.restCreate(u, name)
		lags = append(lags, waitFor(t, readConfig(t, cfg), replicaDir, name, time.Now()))
	}
	s.kill()
	slices.Sort(lags)
	t.Logf("lag over %d writes: p50 %v, p95 %v, max %v", n, pct(lags, 50), pct(lags, 95), lags[len(lags)-1])
}

// waitFor polls the replica until a state holding name appears, and returns the time since ack.
func waitFor(t *testing.T, cfg Config, replicaDir, name string, ack time.Time) time.Duration {
	seen := ltx.TXID(0)
	deadline := ack.Add(upWithin)
	for tick := time.NewTicker(2 * time.Millisecond); time.Now().Before(deadline); <-tick.C {
		txid := replicaTXID(replicaDir)
		if txid == seen {
			continue
		}
		seen = txid
		at := time.Since(ack)
		if slices.Contains(replicaNames(t, cfg), name) {
			return at
		}
	}
	t.Fatalf("%s did not reach the replica within %v", name, upWithin)
	return 0
}

// replicaTXID is the last transaction id of the replica's level 0.
func replicaTXID(replicaDir string) ltx.TXID {
	entries, _ := os.ReadDir(filepath.Join(replicaDir, "ltx", "0"))
	var last ltx.TXID
	for _, e := range entries {
		if _, max, err := ltx.ParseFilename(e.Name()); err == nil && max > last {
			last = max
		}
	}
	return last
}

// measureLoss: writes as fast as one client can for 3 intervals, SIGKILL right after the last
// acknowledgement, restore: which acknowledged writes are lost, and how long before the kill
// the first of them was acknowledged.
func measureLoss(t *testing.T, run int, interval time.Duration) {
	replicaDir := filepath.Join(t.TempDir(), "replica")
	cfg := writeConfig(t, replicaDir, interval)
	s := newServer(t, cfg)
	u := s.facilitator("loss@example.org")
	acked := map[string]time.Time{}
	for end := time.Now().Add(3 * interval); time.Now().Before(end); {
		name := fmt.Sprintf("loss %d", len(acked))
		s.restCreate(u, name)
		acked[name] = time.Now()
	}
	s.kill()
	killed := time.Now()
	kept := replicaNames(t, readConfig(t, cfg))
	var lost int
	var window time.Duration
	for name, at := range acked {
		if !slices.Contains(kept, name) {
			lost++
			window = max(window, killed.Sub(at))
		}
	}
	t.Logf("crash %d: %d writes acknowledged, %d lost, the oldest lost acknowledged %v before the kill", run, len(acked), lost, window)
}

// measureThroughput: k sequential REST writes on a server without replication, then with,
// twice in turns, on fresh data dirs.
func measureThroughput(t *testing.T, k int, interval time.Duration) {
	rounds, _ := strconv.Atoi(os.Getenv("REPLICATION_ROUNDS"))
	for round := range max(rounds, 2) {
		for _, replicate := range []bool{false, true} {
			cfg := "" // no replication
			if replicate {
				cfg = writeConfig(t, filepath.Join(t.TempDir(), "replica"), interval)
			}
			s := newServer(t, cfg)
			u := s.facilitator(fmt.Sprintf("tp%d%v@example.org", round, replicate))
			start := time.Now()
			for i := range k {
				s.restCreate(u, fmt.Sprintf("tp %d", i))
			}
			rate := float64(k) / time.Since(start).Seconds()
			s.kill()
			t.Logf("round %d, replication %v: %d writes, %.0f writes/s", round, replicate, k, rate)
		}
	}
}

func pct(sorted []time.Duration, p int) time.Duration {
	return sorted[(len(sorted)-1)*p/100]
}

func envDuration(t *testing.T, name string, def time.Duration) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}
