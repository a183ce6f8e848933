package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"testing"
	"time"

	ms "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// BenchmarkHTTPBinary measures issue 13's item 8 as an outside tester does: the real binary
// (`maillage serve`, built from this tree or MAILLAGE_BINARY) on loopback, 20,000 initiatives
// of about 1 KB over Plaine Commune (BINARY_BENCH_RECORDS), a plain Go HTTP client acting as
// a resident member of one community. Each case times a fast path and the stock endpoint it
// replaces, alternated run by run (BINARY_BENCH_RUNS, default 7), after checking that both
// answer the same rows; it reports medians and p95 of wall time and of the server process's
// CPU time, and the stock/fast ratios. It runs only under -bench:
//
//	go test -run '^$' -bench BenchmarkHTTPBinary -benchtime 1x -timeout 30m ./mobile_sync/bench
func BenchmarkHTTPBinary(b *testing.B) {
	srv := startBinary(b)
	srv.addPeople()
	n := envInt("BINARY_BENCH_RECORDS", 20000)
	start := time.Now()
	if err := seedBinary(srv, n); err != nil {
		b.Fatalf("seed: %v", err)
	}
	b.Logf("seeded %d initiatives in %v; nproc %d; load %s", n, time.Since(start).Round(time.Millisecond), runtime.NumCPU(), loadAvg())
	runs := envInt("BINARY_BENCH_RUNS", 7)
	for _, c := range binaryCases(srv) {
		if !picked(c.name) { // ITEM8_CASES, as for BenchmarkItem8InProcess
			continue
		}
		c.check(b)
		res := c.measure(b, srv, runs)
		res.log(b, c.name)
	}
	b.Logf("load after: %s", loadAvg())
}

// binaryCase is one comparison: the fast path and the stock one, each a sequence of requests
// that returns the rows it received (only when checking) and how many requests it made.
type binaryCase struct {
	name        string
	fast, stock func(check bool) []json.RawMessage
	same        func(b *testing.B, fast, stock []json.RawMessage)
}

// check runs both paths once and requires the same rows.
func (c binaryCase) check(b *testing.B) {
	fast, stock := c.fast(true), c.stock(true)
	if len(fast) != len(stock) || len(fast) == 0 {
		b.Fatalf("%s: the fast path returned %d rows, the stock one %d", c.name, len(fast), len(stock))
	}
	c.same(b, fast, stock)
	b.Logf("%s: %d rows, the same on both paths", c.name, len(fast))
}

// binaryResult is the wall, time to last byte and server CPU times of each run of both paths.
type binaryResult struct{ fastWall, stockWall, fastHTTP, stockHTTP, fastCPU, stockCPU []time.Duration }

// measure runs both paths runs times, alternated (the first of a run changes every run), after
// one warm-up run of each.
func (c binaryCase) measure(b *testing.B, srv *binaryServer, runs int) binaryResult {
	var r binaryResult
	c.fast(false)
	c.stock(false)
	timed := func(f func(bool) []json.RawMessage, wall, inHTTP, cpu *[]time.Duration) {
		runtime.GC()
		t0, h0, c0 := time.Now(), srv.inHTTP, srv.cpu()
		f(false)
		*wall, *inHTTP, *cpu = append(*wall, time.Since(t0)), append(*inHTTP, srv.inHTTP-h0), append(*cpu, srv.cpu()-c0)
	}
	for i := range runs {
		if i%2 == 0 {
			timed(c.stock, &r.stockWall, &r.stockHTTP, &r.stockCPU)
		}
		timed(c.fast, &r.fastWall, &r.fastHTTP, &r.fastCPU)
		if i%2 == 1 {
			timed(c.stock, &r.stockWall, &r.stockHTTP, &r.stockCPU)
		}
	}
	return r
}

func (r binaryResult) log(b *testing.B, name string) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	fw, sw := quantile(r.fastWall, .5), quantile(r.stockWall, .5)
	fc, sc := quantile(r.fastCPU, .5), quantile(r.stockCPU, .5)
	b.Logf("%s: fast wall p50 %.1f ms p95 %.1f ms, server CPU p50 %.0f ms | stock wall p50 %.1f ms p95 %.1f ms, server CPU p50 %.0f ms | ratio wall p50 %.2f×, p95 %.2f×, server CPU %.2f×",
		name, ms(fw), ms(quantile(r.fastWall, .95)), ms(fc), ms(sw), ms(quantile(r.stockWall, .95)), ms(sc),
		float64(sw)/float64(fw), float64(quantile(r.stockWall, .95))/float64(quantile(r.fastWall, .95)), float64(sc)/float64(fc))
	fh, sh := quantile(r.fastHTTP, .5), quantile(r.stockHTTP, .5)
	b.Logf("%s: time to last byte (wall without the client's decoding) p50: fast %.1f ms, stock %.1f ms, ratio %.2f×",
		name, ms(fh), ms(sh), float64(sh)/float64(fh))
	b.ReportMetric(float64(sw)/float64(fw), name+"-wall-x")
	b.ReportMetric(float64(sh)/float64(fh), name+"-ttlb-x")
	if fc > 0 {
		b.ReportMetric(float64(sc)/float64(fc), name+"-cpu-x")
	}
}

// quantile is the q-quantile of d (nearest rank).
func quantile(d []time.Duration, q float64) time.Duration {
	d = slices.Clone(d)
	slices.Sort(d)
	return d[int(q*float64(len(d)-1)+0.5)]
}

// binaryCases are the comparisons of item 8: the initial sync against stock list paging, and
// the bbox answer (full properties and the map layer's fields=) against the stock range
// filter, over a box holding nearly every record and over a 600 m box.
func binaryCases(srv *binaryServer) []binaryCase {
	wide := [4]float64{pcMinLon, pcMinLat, pcMaxLon, pcMaxLat}
	small := [4]float64{2.3555, 48.9329, 2.3637, 48.9383} // 600 m around the basilica
	return []binaryCase{
		{name: "initial-sync", fast: srv.snapshotAll, stock: srv.stockListAll, same: sameRecords},
		srv.bboxCase("bbox-wide-full", wide, 1000, "", 5),
		srv.bboxCase("bbox-wide-fields", wide, 1000, "id,name,categories", 5),
		srv.bboxCase("bbox-600m-full", small, 5000, "", 20),
		srv.bboxCase("bbox-600m-fields", small, 5000, "id,name,categories", 20),
	}
}

// snapshotAll reads the initiatives' snapshot in pages of 1,000 as the reference client and the
// PWA do, then pulls once from its cursor. Like the stock path's client, it decodes every page
// (a device stores each row), so that both sides pay the same client work.
func (srv *binaryServer) snapshotAll(check bool) []json.RawMessage {
	var rows []json.RawMessage
	req := ms.SnapshotRequest{ClientID: "bench-device", Collection: s.Initiatives, Limit: 1000}
	for {
		var page struct {
			snapshotTail
			Records []struct{ R json.RawMessage }
		}
		if err := json.Unmarshal(srv.call(http.MethodPost, "/api/sync/snapshot", srv.token, req), &page); err != nil {
			srv.b.Fatal(err)
		}
		if check {
			for _, r := range page.Records {
				rows = append(rows, r.R)
			}
		}
		if page.Done {
			srv.call(http.MethodPost, "/api/sync/pull", srv.token, ms.PullRequest{ClientID: "bench-device", Cursor: page.Cursor, Limit: 1000, Collections: []string{s.Initiatives}})
			return rows
		}
		req.SnapshotSeq, req.AfterID = page.SnapshotSeq, page.NextAfterID
	}
}

// snapshotTail is what the client needs of a page to ask for the next one.
type snapshotTail struct {
	SnapshotSeq int64
	NextAfterID string
	Done        bool
	Cursor      string
}

// stockListAll lists the initiatives through the records API in pages of 1,000 (PocketBase's
// maximum) without totals, until a short page.
func (srv *binaryServer) stockListAll(check bool) []json.RawMessage {
	var rows []json.RawMessage
	for page := 1; ; page++ {
		path := fmt.Sprintf("/api/collections/%s/records?page=%d&perPage=1000&skipTotal=1", s.Initiatives, page)
		items := srv.items(path)
		if check {
			rows = append(rows, items...)
		}
		if len(items) < 1000 {
			return rows
		}
	}
}

// items returns the items of a list answer (the stock path's client decodes the page's array).
func (srv *binaryServer) items(path string) []json.RawMessage {
	var res struct{ Items []json.RawMessage }
	if err := json.Unmarshal(srv.call(http.MethodGet, path, srv.token, nil), &res); err != nil {
		srv.b.Fatal(err)
	}
	return res.Items
}

// sameRecords requires the snapshot's rows to equal the stock list's, decoded, as sets by id.
func sameRecords(b *testing.B, fast, stock []json.RawMessage) {
	byID := map[string]any{}
	for _, raw := range stock {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			b.Fatal(err)
		}
		byID[m["id"].(string)] = m
	}
	for _, raw := range fast {
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			b.Fatal(err)
		}
		if !reflect.DeepEqual(byID[m["id"].(string)], m) {
			b.Fatalf("snapshot row %s differs from the list API's:\n%v\n%v", m["id"], m, byID[m["id"].(string)])
		}
	}
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func loadAvg() string {
	data, _ := os.ReadFile("/proc/loadavg")
	return string(bytes.TrimSpace(data))
}
