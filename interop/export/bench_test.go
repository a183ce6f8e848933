//go:build unix

package export_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
)

// The export benchmark of issue 8: 20,000 public initiatives of about 1 KB exported as GeoJSON,
// streamed, beside the stock list API paging the same rows (perPage=500, skipTotal), both as
// anonymous HTTP requests in the same run. Each reports the heap's high-water mark above what
// it was before the request (sampled every millisecond), and the bytes it allocated.
//
//	go test -run '^$' -bench . -benchtime 5x ./interop/export/

const benchRows = 20_000

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// TestMain removes the benchmark's seeded data dir once every test and benchmark has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		_ = os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// benchData seeds, once per run, a data dir holding benchRows public initiatives, a quarter of
// them in one category, inserted with SQL in one transaction (the sync log's triggers run).
func benchData(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "maillage_export_bench_*")
		if benchErr == nil {
			benchErr = seedBench(benchDir)
		}
	})
	if benchErr != nil {
		b.Fatalf("seed: %v", benchErr)
	}
	return benchDir
}

func seedBench(dir string) error {
	return testapp.Seed(dir, seedRows)
}

// seedRows inserts benchRows public initiatives of about 1 KB, a quarter of them in one
// category.
func seedRows(app core.App) error {
	cat, err := app.FindFirstRecordByData("categories", "slug", "jardins-partages")
	if err != nil {
		return err
	}
	return app.RunInTransaction(func(tx core.App) error {
		q := tx.DB().NewQuery(`INSERT INTO initiatives (name, description, geo, categories, status, visibility, deleted, created, updated) ` +
			`VALUES ({:name}, {:desc}, {:geo}, {:cats}, 'published', 'public', FALSE, {:now}, {:now})`)
		now := time.Now().UTC().Format("2006-01-02 15:04:05.000Z")
		desc := strings.Repeat("Jardin partagé, ateliers, compost. ", 25) // records of about 1 KB
		for i := range benchRows {
			geo := fmt.Sprintf(`{"lon":%.6f,"lat":%.6f}`, 2.29+float64(i%137)*0.001, 48.90+float64(i%53)*0.0013)
			cats := "[]"
			if i%4 == 0 {
				cats = `["` + cat.Id + `"]`
			}
			if _, err := q.Bind(map[string]any{"name": fmt.Sprintf("Initiative %d", i), "desc": desc, "geo": geo, "cats": cats, "now": now}).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
}

// benchHandler is the app's router, as served, over a copy of the seeded data.
func benchHandler(b *testing.B) http.Handler {
	return testapp.Router(b, testapp.Clone(b, benchData(b), server.Config{}))
}

// discard is a response writer that counts the body and keeps none of it, as a client reading
// the stream would.
type discard struct {
	header http.Header
	status int
	bytes  int64
}

func (d *discard) Header() http.Header         { return d.header }
func (d *discard) WriteHeader(status int)      { d.status = status }
func (d *discard) Write(p []byte) (int, error) { d.bytes += int64(len(p)); return len(p), nil }

// get runs one anonymous GET and returns the body's size; a status other than 200 fails.
func get(b *testing.B, h http.Handler, url string) int64 {
	d := &discard{header: http.Header{}, status: http.StatusOK}
	h.ServeHTTP(d, httptest.NewRequest(http.MethodGet, url, nil))
	if d.status != http.StatusOK {
		b.Fatalf("GET %s: status %d", url, d.status)
	}
	return d.bytes
}

// heapPeak samples the bytes of live and not yet swept heap objects every millisecond while
// fn runs, and returns the highest value above the one before fn.
func heapPeak(fn func()) float64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	peak := base
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				peak = max(peak, read())
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	return float64(max(peak, read())-base) / (1 << 20)
}

// BenchmarkExport20k: the streamed GeoJSON export of 20,000 initiatives (and of a quarter of
// them, to show that the peak does not grow with the rows), and the stock list API's paging.
func BenchmarkExport20k(b *testing.B) {
	h := benchHandler(b)
	paths := []struct {
		name string
		run  func() int64
	}{
		{"geojson-export-20000", func() int64 { return get(b, h, "/api/maillage/export/initiatives.geojson") }},
		{"geojson-export-5000", func() int64 { return get(b, h, "/api/maillage/export/initiatives.geojson?category=jardins-partages") }},
		{"stock-list-paging-20000", func() int64 { return stockPaging(b, h) }},
	}
	for _, p := range paths {
		b.Run(p.name, func(b *testing.B) {
			b.ReportAllocs()
			var peak float64
			var size int64
			cpu := cpuTime()
			for b.Loop() {
				peak = max(peak, heapPeak(func() { size = p.run() }))
			}
			b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(peak, "peak-heap-MB")
			b.ReportMetric(float64(size)/(1<<20), "body-MB")
		})
	}
}

// cpuTime is the process's CPU time so far (user + system): on a loaded machine it moves less
// than the wall clock with other programs' work.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// stockPaging reads every initiative through the stock list API, 500 per page.
func stockPaging(b *testing.B, h http.Handler) int64 {
	var total int64
	for page := 1; page <= benchRows/500; page++ {
		total += get(b, h, fmt.Sprintf("/api/collections/initiatives/records?page=%d&perPage=500&skipTotal=1", page))
	}
	return total
}
