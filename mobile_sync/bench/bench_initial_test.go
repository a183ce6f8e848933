package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/maillage/maillage/mobile_sync/client"
	s "github.com/maillage/maillage/schema"
)

// initialColls are the collections of the initial-sync benchmark.
var initialColls = []string{s.Initiatives, s.Events}

// BenchmarkInitialSync: a new device of the benchmark user fetches every initiative and event
// it may read, out of 15,000 + 5,000: through the sync snapshot (the reference client's Sync:
// snapshots, then a pull), and through the stock list API in pages of 1,000 with skipTotal.
func BenchmarkInitialSync(b *testing.B) {
	f := getFixture(b, 15000, 5000)
	want := stockListAll(b, f)
	b.Run("stock-list-perPage1000", func(b *testing.B) {
		cpu := startCPU()
		defer cpu.report(b)
		for b.Loop() {
			if got := stockListAll(b, f); got != want {
				b.Fatalf("stock list returned %d records, then %d", want, got)
			}
		}
		b.ReportMetric(float64(want), "records")
	})
	for _, page := range []int{1000, 5000} {
		b.Run(fmt.Sprintf("sync-snapshot-page%d", page), func(b *testing.B) {
			cpu := startCPU()
			defer cpu.report(b)
			for b.Loop() {
				if got := syncAll(b, f, page); got != want {
					b.Fatalf("sync fetched %d records, the stock list %d", got, want)
				}
			}
			b.ReportMetric(float64(want), "records")
		})
	}
}

// syncAll runs a new reference client's first Sync and returns how many records it holds.
func syncAll(b *testing.B, f *fixture, page int) int {
	c := client.New(client.Options{BaseURL: f.srv.URL(), Token: f.token, HTTP: f.http, Collections: initialColls, PageSize: page})
	if err := c.Sync(context.Background()); err != nil {
		b.Fatalf("sync: %v", err)
	}
	n := 0
	for _, coll := range initialColls {
		n += len(c.ServerIDs(coll))
	}
	return n
}

// stockListAll lists both collections as the benchmark user through the records API, decoding
// each record as the client does, and returns how many it got.
func stockListAll(b *testing.B, f *fixture) int {
	n := 0
	for _, coll := range initialColls {
		for page := 1; ; page++ {
			var res struct {
				Items []map[string]json.RawMessage `json:"items"`
			}
			url := fmt.Sprintf("%s/api/collections/%s/records?page=%d&perPage=1000&skipTotal=1", f.srv.URL(), coll, page)
			getJSON(b, f, url, &res)
			n += len(res.Items)
			if len(res.Items) < 1000 {
				break
			}
		}
	}
	return n
}

func getJSON(b *testing.B, f *fixture, url string, out any) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Authorization", f.token)
	res, err := f.http.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %s", url, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(out); err != nil {
		b.Fatalf("decode %s: %v", url, err)
	}
}
