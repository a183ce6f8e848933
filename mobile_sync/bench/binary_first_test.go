package bench

import (
	"encoding/json"
	"testing"
	"time"
)

// BenchmarkHTTPBinaryFirstReader measures the initial sync of the first device after a start:
// the binary is seeded as for BenchmarkHTTPBinary, restarted, given firstReaderPause (the row
// cache's warming), then one initial sync, one stock list paging and a second initial sync are
// timed, in that order (runs alternate builds through MAILLAGE_BINARY):
//
//	go test -run '^$' -bench BenchmarkHTTPBinaryFirstReader -benchtime 1x ./mobile_sync/bench
func BenchmarkHTTPBinaryFirstReader(b *testing.B) {
	srv := startBinary(b)
	srv.addPeople()
	if err := seedBinary(srv, envInt("BINARY_BENCH_RECORDS", 20000)); err != nil {
		b.Fatalf("seed: %v", err)
	}
	srv.Stop(10 * time.Second)
	if err := srv.Start(); err != nil {
		b.Fatal(err)
	}
	time.Sleep(firstReaderPause)
	for _, c := range binaryCases(srv) {
		if c.name == "initial-sync" {
			first, stock, second := timed(c.fast), timed(c.stock), timed(c.fast)
			b.Logf("first reader %d ms after a start: initial sync %v, stock paging %v (ratio %.2f×), a second initial sync %v; load %s",
				firstReaderPause.Milliseconds(), first, stock, float64(stock)/float64(first), second, loadAvg())
			b.ReportMetric(float64(stock)/float64(first), "first-reader-x")
		}
	}
}

// firstReaderPause is the time between the start and the first reader: a device that opens
// the app a few seconds after a deploy.
const firstReaderPause = 3 * time.Second

// timed is how long one sequence of requests takes, to the millisecond.
func timed(f func(bool) []json.RawMessage) time.Duration {
	start := time.Now()
	f(false)
	return time.Since(start).Round(time.Millisecond)
}
