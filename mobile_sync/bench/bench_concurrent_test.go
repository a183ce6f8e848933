package bench

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// Concurrent pulls: devices and the users they belong to.
const (
	concurrentDevices = 1000
	concurrentUsers   = 20
)

// BenchmarkConcurrentPull: 1,000 devices of 20 users (half of them community members) pull
// the record changed since their cursor in the 100,000-record database, as after the poke of
// one edit; one iteration is one wave in which every device pulls once. "herd": all at the same
// moment (the worst case: every device answers the same poke at once); "spread-5s": each at
// its own moment of a 5-second window, as the PWA answers a poke (session.js, POKE_SPREAD_MS);
// "spread-10s": as 1,000 connected devices polling every 10 s. Reports latency percentiles over
// every pull, errors, and the resident memory of the process (server and clients share it).
func BenchmarkConcurrentPull(b *testing.B) {
	d := getDelta(b)
	for _, spread := range []time.Duration{0, 5 * time.Second, 10 * time.Second} {
		name := "herd"
		if spread > 0 {
			name = fmt.Sprintf("spread-%v", spread)
		}
		b.Run(name, func(b *testing.B) {
			var lat []time.Duration
			errs := 0
			cpu := startCPU()
			defer cpu.report(b)
			for b.Loop() {
				l, e := pullWave(b, d, spread)
				lat, errs = append(lat, l...), errs+e
			}
			reportLatency(b, lat)
			b.ReportMetric(float64(errs), "errors")
			rss, peak := memory()
			b.ReportMetric(rss, "rss-MB")
			b.ReportMetric(peak, "peak-rss-MB")
		})
	}
}

// deviceTokens signs up the users of the concurrent devices and returns each device's token.
func deviceTokens(b *testing.B, f *fixture) []string {
	var users []string
	for i := range concurrentUsers {
		u, token := testapp.NewUser(b, f.srv.App(), fmt.Sprintf("device-owner-%d@example.org", i), s.RoleResident)
		if i%2 == 0 {
			testapp.NewRecord(b, f.srv.App(), s.Memberships, map[string]any{"community": f.communities[0], "user": u.Id, "role": "member"})
		}
		users = append(users, token)
	}
	tokens := make([]string, concurrentDevices)
	for i := range tokens {
		tokens[i] = users[i%len(users)]
	}
	return tokens
}

// pullWave starts one pull per device, device i at i/n of spread, and returns their
// latencies and the failures.
func pullWave(b *testing.B, d *delta, spread time.Duration) ([]time.Duration, int) {
	tokens := d.devices
	lat := make([]time.Duration, len(tokens))
	failed := make([]error, len(tokens))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range tokens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			time.Sleep(spread * time.Duration(i) / time.Duration(len(tokens)))
			t0 := time.Now()
			var res ms.PullResponse
			req := ms.PullRequest{ClientID: fmt.Sprintf("dev%012d", i), Cursor: d.lastCursors[tokens[i]], Limit: 500, Collections: []string{s.Initiatives, s.Events}}
			err := tryPostJSON(d.fixture, tokens[i], "/api/sync/pull", req, &res)
			if err == nil && len(res.Changes) != 1 {
				err = fmt.Errorf("%d changes, want 1 (reset %+v, hasMore %v)", len(res.Changes), res.Reset, res.HasMore)
			}
			lat[i], failed[i] = time.Since(t0), err
		}()
	}
	close(start)
	wg.Wait()
	slices.Sort(lat)
	errs := 0
	for _, err := range failed {
		if err != nil {
			if errs == 0 {
				b.Logf("first failed pull: %v", err)
			}
			errs++
		}
	}
	return lat, errs
}

// memory returns the resident and peak resident memory of the process, in MB.
func memory() (rss, peak float64) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(status), "\n") {
		k, v, _ := strings.Cut(line, ":")
		kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
		switch k {
		case "VmRSS":
			rss = kb / 1024
		case "VmHWM":
			peak = kb / 1024
		}
	}
	return rss, peak
}
