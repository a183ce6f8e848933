package crashtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/mobile_sync/client"
)

var sprintf = fmt.Sprintf

// syncModes are the settings compared: PocketBase's, FULL for both databases, FULL for the
// data only.
var syncModes = []string{"NORMAL", "FULL", dataOnly}

// pushShapes are the pushes measured: a device sending one change at a time (one commit per
// mutation) and a device coming back online with a full outbox (one commit per 100).
var pushShapes = []struct {
	name         string
	batch, total int
}{
	{"1 mutation a push", 1, 20},
	{"100 mutations a push", 100, 100},
}

// TestSynchronousNormalVsFull measures the sync push's throughput with synchronous=NORMAL
// (PocketBase's setting) and FULL (both databases, or data.db only), in the same run, rounds interleaved so that the machine's
// load falls on all alike. It is a measurement, not a check: it runs only when
// CRASHTEST_SYNC_ROUNDS sets the rounds (docs/reliability.md gives the figures and command).
func TestSynchronousNormalVsFull(t *testing.T) {
	if rounds(t) == 0 {
		t.Skip("a measurement: set CRASHTEST_SYNC_ROUNDS (e.g. 7) to run it")
	}
	apps := map[string]*inProcess{}
	for _, mode := range syncModes {
		apps[mode] = serveInProcess(t, mode)
	}
	for _, shape := range pushShapes {
		report(t, shape.name+" (mutations/s)", func(mode string) float64 {
			return pushRate(t, apps[mode], shape.batch, shape.total)
		})
	}
	report(t, "raw SQLite transactions of one row (commits/s)", func(mode string) float64 {
		return commitRate(t, mode, 20)
	})
}

// report measures each mode once a round, in an order that turns each round (so that no mode
// is always first after the previous measurement's garbage), and logs the medians and ratios.
func report(t *testing.T, what string, measure func(mode string) float64) {
	t.Helper()
	rates := map[string][]float64{}
	for r := range rounds(t) {
		for i := range syncModes {
			mode := syncModes[(r+i)%len(syncModes)]
			rates[mode] = append(rates[mode], measure(mode))
		}
	}
	n, f, d := median(rates["NORMAL"]), median(rates["FULL"]), median(rates[dataOnly])
	t.Logf("%s: NORMAL %.0f, FULL %.0f, %s %.0f (medians of %d rounds): FULL/NORMAL = %.2f, %s/NORMAL = %.2f",
		what, n, f, dataOnly, d, len(rates["FULL"]), f/n, dataOnly, d/n)
}

// pushRate pushes total new initiatives in pushes of batch mutations and returns mutations/s.
func pushRate(t *testing.T, app *inProcess, batch, total int) float64 {
	t.Helper()
	c := client.New(client.Options{BaseURL: app.URL, Token: app.token, PushBatch: batch, Collections: []string{"initiatives"}})
	for i := range total {
		_, err := c.Create("initiatives", map[string]any{"name": sprintf("bench %s %d", c.ID(), i), "author": app.user, "visibility": "public"})
		if err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	if err := c.Push(context.Background()); err != nil {
		t.Fatal(err)
	}
	return float64(total) / time.Since(start).Seconds()
}

func rounds(t *testing.T) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(os.Getenv("CRASHTEST_SYNC_ROUNDS"), &n); err != nil || n < 1 {
		return 0
	}
	return n
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// commitRate commits n one-row transactions to a scratch data.db opened as mode opens it: the
// cost of the commit alone (the WAL's fsync under FULL).
func commitRate(t *testing.T, mode string, n int) float64 {
	t.Helper()
	db, err := connectWith(mode)(filepath.Join(t.TempDir(), "data.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.NewQuery("CREATE TABLE rows (v TEXT)").Execute(); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for i := range n {
		err := db.Transactional(func(tx *dbx.Tx) error {
			_, err := tx.NewQuery("INSERT INTO rows (v) VALUES ({:v})").Bind(dbx.Params{"v": sprintf("row %d", i)}).Execute()
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return float64(n) / time.Since(start).Seconds()
}
