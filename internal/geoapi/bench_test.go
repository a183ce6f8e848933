//go:build unix

package geoapi_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/hooks"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// The benchmarks of issue 5: the same 100,000 initiatives spread over Plaine Commune's box,
// queried in one run through the geo API (R*Tree; every property, and only a map layer's
// fields=id,name,categories) and through the stock list API with a geo.lon/geo.lat range
// filter and a geoDistance() radius, all over HTTP handlers as anonymous.
//
//	go test -run '^$' -bench . -benchtime 60x ./internal/geoapi/

const benchPoints = 100_000

// The query window: about 600 m × 600 m around the basilica (≈ 450 of the 100,000 points),
// and a 300 m circle around the same centre.
const (
	benchMinLon, benchMinLat, benchMaxLon, benchMaxLat = 2.3555, 48.9329, 2.3637, 48.9383
	benchLon, benchLat, benchRadius                    = 2.3596, 48.9356, 300.0
)

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchData seeds, once per run, a data dir holding benchPoints public initiatives at random
// (seeded) points of Plaine Commune's box, inserted with SQL in one transaction: the R*Tree
// triggers index them as they would any write.
func benchData(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "maillage_geo_bench_*")
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
	return testapp.Seed(dir, seedPoints)
}

// seedPoints inserts benchPoints public initiatives of about 1 KB at seeded random points.
func seedPoints(app core.App) error {
	rnd := rand.New(rand.NewPCG(1, 2))
	return app.RunInTransaction(func(tx core.App) error {
		q := tx.DB().NewQuery(`INSERT INTO initiatives (name, description, geo, status, visibility, deleted, created, updated) ` +
			`VALUES ({:name}, {:desc}, {:geo}, 'published', 'public', FALSE, {:now}, {:now})`)
		now := time.Now().UTC().Format("2006-01-02 15:04:05.000Z")
		desc := strings.Repeat("Jardin partagé, ateliers, compost. ", 20) // records of about 1 KB
		for i := range benchPoints {
			lon := 2.28825 + rnd.Float64()*(2.42203-2.28825)
			lat := 48.90046 + rnd.Float64()*(48.97422-48.90046)
			geo := fmt.Sprintf(`{"lon":%.6f,"lat":%.6f}`, lon, lat)
			if _, err := q.Bind(map[string]any{"name": fmt.Sprintf("Initiative %d", i), "desc": desc, "geo": geo, "now": now}).Execute(); err != nil {
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

// timing is the durations of one kind of request.
type timing struct {
	name string
	took []time.Duration
	cpu  time.Duration // process CPU time (user + system) spent in these requests
	rows int
}

// cpuTime is the process's CPU time so far: on a loaded machine it moves less than the wall
// clock with other programs' work.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

func (t *timing) quantile(q float64) float64 {
	d := slices.Clone(t.took)
	slices.Sort(d)
	return float64(d[int(q*float64(len(d)-1)+0.5)].Microseconds()) / 1000
}

// path is one kind of request a benchmark times, and how to count the rows of its answer.
type path struct {
	name, url string
	rows      func(string) int
}

// benchPaths runs each path's URL in turn, b.N times each, on the same app (so the machine's
// load hits them alike), and reports each one's p50 and p95 in ms, its rows and CPU time, and
// how many times faster than the last path (the stock list API) each other one is.
func benchPaths(b *testing.B, paths ...path) {
	h := benchHandler(b)
	timings := make([]*timing, len(paths))
	for i, p := range paths {
		timings[i] = &timing{name: p.name, rows: -1}
	}
	for range 3 { // warm the page cache and the statement caches of all
		for _, p := range paths {
			serve(b, h, p.url)
		}
	}
	b.ResetTimer()
	for range b.N {
		for i, p := range paths {
			runtime.GC() // so that one path's garbage is not collected during another's request
			start, cpu := time.Now(), cpuTime()
			body := serve(b, h, p.url)
			timings[i].took = append(timings[i].took, time.Since(start))
			timings[i].cpu += cpuTime() - cpu
			timings[i].rows = p.rows(body)
		}
	}
	b.StopTimer()
	report(b, timings)
}

func report(b *testing.B, timings []*timing) {
	stock := timings[len(timings)-1]
	for _, t := range timings {
		b.ReportMetric(t.quantile(0.5), t.name+"-p50-ms")
		b.ReportMetric(t.quantile(0.95), t.name+"-p95-ms")
		b.ReportMetric(float64(t.rows), t.name+"-rows")
		b.ReportMetric(float64(t.cpu.Microseconds())/1000/float64(len(t.took)), t.name+"-cpu-ms/op")
		if t != stock {
			b.ReportMetric(stock.quantile(0.5)/t.quantile(0.5), t.name+"-speedup-p50")
			b.ReportMetric(stock.quantile(0.95)/t.quantile(0.95), t.name+"-speedup-p95")
		}
	}
}

// benchFields is what a map layer asks for: markers with a name and categories.
const benchFields = "&fields=id,name,categories"

// benchGeo runs the geo API's URL in full and with benchFields, and the stock list API's URL.
func benchGeo(b *testing.B, geoURL, stockURL string) {
	benchPaths(b, path{"geoapi", geoURL, features}, path{"fields", geoURL + benchFields, features},
		path{"stock", stockURL, items})
}

func serve(b *testing.B, h http.Handler, target string) string {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	if rec.Code != http.StatusOK {
		b.Fatalf("%s: status %d: %s", target, rec.Code, rec.Body.String())
	}
	return rec.Body.String()
}

func features(body string) int { return strings.Count(body, `"type":"Feature",`) }
func items(body string) int    { return strings.Count(body, `"collectionName":"initiatives"`) }

// BenchmarkBBox: the geo API's bbox against the stock geo.lon/geo.lat range filter.
func BenchmarkBBox(b *testing.B) {
	f := fmt.Sprintf("geo.lon >= %v && geo.lon <= %v && geo.lat >= %v && geo.lat <= %v", benchMinLon, benchMaxLon, benchMinLat, benchMaxLat)
	benchGeo(b,
		fmt.Sprintf("/api/geo/initiatives?limit=5000&bbox=%v,%v,%v,%v", benchMinLon, benchMinLat, benchMaxLon, benchMaxLat),
		"/api/collections/initiatives/records?perPage=1000&skipTotal=1&filter="+url.QueryEscape(f))
}

// BenchmarkNear: the geo API's near/radius against the stock geoDistance() filter.
func BenchmarkNear(b *testing.B) {
	f := fmt.Sprintf("geoDistance(geo.lon, geo.lat, %v, %v) <= %v", benchLon, benchLat, benchRadius/1000)
	benchGeo(b,
		fmt.Sprintf("/api/geo/initiatives?limit=5000&near=%v,%v&radius=%v", benchLon, benchLat, benchRadius),
		"/api/collections/initiatives/records?perPage=1000&skipTotal=1&filter="+url.QueryEscape(f))
}

// BenchmarkStartupIndex: what EnsureGeoIndex costs at start on 100,000 initiatives when the
// R*Tree is in step (a check) and when one row drifted (a full rebuild).
func BenchmarkStartupIndex(b *testing.B) {
	app := testapp.Clone(b, benchData(b), server.Config{})
	var check, rebuild time.Duration
	for range b.N {
		start := time.Now()
		if err := hooks.EnsureGeoIndex(app, s.Initiatives); err != nil {
			b.Fatal(err)
		}
		check += time.Since(start)
		if _, err := app.DB().NewQuery("DELETE FROM [[" + s.GeoIndexTable(s.Initiatives) + "]] WHERE id = 1").Execute(); err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		if err := hooks.EnsureGeoIndex(app, s.Initiatives); err != nil {
			b.Fatal(err)
		}
		rebuild += time.Since(start)
	}
	b.ReportMetric(float64(check.Milliseconds())/float64(b.N), "in-step-ms")
	b.ReportMetric(float64(rebuild.Milliseconds())/float64(b.N), "rebuild-ms")
}
