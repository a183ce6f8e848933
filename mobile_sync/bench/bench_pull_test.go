package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	ms "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// deltaSize is how many records change between two pulls.
const deltaSize = 100

// delta is a 100,000-record database where deltaSize readable initiatives changed after a
// cursor taken at the head.
type delta struct {
	*fixture
	since       string            // the `updated` stamp before the changes, for the stock path
	cursors     map[string]string // token → a cursor at the head before the changes
	lastCursors map[string]string // device token → a cursor before the last change only
	devices     []string          // the token of each device of the concurrent pulls
}

var deltaFixture *delta

// getDelta seeds 75,000 initiatives and 25,000 events and the users of the concurrent devices,
// then updates deltaSize readable initiatives one by one with raw SQL (the change log triggers
// fire as for any write), taking the benchmark user's cursor before the first change and each
// device user's cursor before the last one.
func getDelta(b *testing.B) *delta {
	f := getFixture(b, 75000, 25000)
	fixtureMu.Lock()
	defer fixtureMu.Unlock()
	if deltaFixture != nil {
		return deltaFixture
	}
	d := &delta{fixture: f, since: "2026-11-29 00:00:00.000Z", cursors: map[string]string{}, lastCursors: map[string]string{}}
	d.devices = deviceTokens(b, f)
	d.cursors[f.token] = headCursor(b, f, f.token)
	var ids []string
	err := f.srv.App().DB().NewQuery("SELECT id FROM initiatives WHERE visibility = 'public' AND status = 'published' AND deleted = 0 ORDER BY id").Column(&ids)
	if err != nil || len(ids) < deltaSize {
		b.Fatalf("readable initiatives: %d, %v", len(ids), err)
	}
	for i := range deltaSize {
		if i == deltaSize-1 {
			for _, token := range d.devices {
				if _, ok := d.lastCursors[token]; !ok {
					d.lastCursors[token] = headCursor(b, f, token)
				}
			}
		}
		id := ids[i*len(ids)/deltaSize]
		_, err := f.srv.App().DB().NewQuery("UPDATE initiatives SET name = name || ' (mis à jour)', updated = {:u} WHERE id = {:id}").
			Bind(dbx.Params{"u": "2026-11-29 12:00:00.000Z", "id": id}).Execute()
		if err != nil {
			b.Fatal(err)
		}
	}
	deltaFixture = d
	return d
}

// headCursor returns a cursor at the head for token's user: the cursor of a finished snapshot
// of the (small) categories collection.
func headCursor(b *testing.B, f *fixture, token string) string {
	var res ms.SnapshotResponse
	postJSON(b, f, token, "/api/sync/snapshot", ms.SnapshotRequest{ClientID: "benchcursor0000", Collection: s.Categories, Limit: 1000}, &res)
	if !res.Done || res.Cursor == "" {
		b.Fatalf("categories snapshot not done in one page")
	}
	return res.Cursor
}

// BenchmarkDeltaPull: a device pulls the 100 records changed since its cursor in a
// 100,000-record database; side by side, the stock way: the list API filtered on
// `updated > since` (which misses late commits and deletions, see docs/sync.md).
func BenchmarkDeltaPull(b *testing.B) {
	d := getDelta(b)
	b.Run("stock-list-updated-since", func(b *testing.B) {
		filter := url.QueryEscape(fmt.Sprintf("updated > %q", d.since))
		u := fmt.Sprintf("%s/api/collections/%s/records?perPage=500&skipTotal=1&sort=updated&filter=%s", d.srv.URL(), s.Initiatives, filter)
		lat := measure(b, func() int {
			var res struct {
				Items []json.RawMessage `json:"items"`
			}
			getJSON(b, d.fixture, u, &res)
			return len(res.Items)
		})
		reportLatency(b, lat)
	})
	b.Run("sync-pull", func(b *testing.B) {
		req := ms.PullRequest{ClientID: "benchdelta00000", Cursor: d.cursors[d.token], Limit: 500, Collections: []string{s.Initiatives, s.Events}}
		lat := measure(b, func() int {
			var res ms.PullResponse
			postJSON(b, d.fixture, d.token, "/api/sync/pull", req, &res)
			return len(res.Changes)
		})
		reportLatency(b, lat)
	})
}

// measure times each call of op, which must return deltaSize records.
func measure(b *testing.B, op func() int) []time.Duration {
	cpu := startCPU()
	defer cpu.report(b)
	var lat []time.Duration
	for b.Loop() {
		start := time.Now()
		if n := op(); n != deltaSize {
			b.Fatalf("got %d records, want %d", n, deltaSize)
		}
		lat = append(lat, time.Since(start))
	}
	return lat
}

// reportLatency reports the p50, p95 and p99 of lat in milliseconds.
func reportLatency(b *testing.B, lat []time.Duration) {
	slices.Sort(lat)
	for _, p := range []int{50, 95, 99} {
		b.ReportMetric(percentile(lat, p), fmt.Sprintf("p%d-ms", p))
	}
}

func percentile(sorted []time.Duration, p int) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := min(len(sorted)-1, (len(sorted)*p+99)/100-1)
	return float64(sorted[max(i, 0)]) / float64(time.Millisecond)
}

func postJSON(b *testing.B, f *fixture, token, path string, in, out any) {
	if err := tryPostJSON(f, token, path, in, out); err != nil {
		b.Fatal(err)
	}
}

func tryPostJSON(f *fixture, token, path string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequest(http.MethodPost, f.srv.URL()+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", token)
	req.Header.Set("Content-Type", "application/json")
	res, err := f.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(res.Body)
		return fmt.Errorf("POST %s: %s %s", path, res.Status, msg)
	}
	return json.NewDecoder(res.Body).Decode(out)
}
