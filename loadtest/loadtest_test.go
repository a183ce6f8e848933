package loadtest

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/binarytest"
)

// TestShortLoad runs 20 devices against the real binary for a few seconds, acting fast, and
// checks that nothing failed, that every device heard the realtime pokes, and that after a
// last sync every syncing device sees every contribution of the others under its last
// acknowledged name; the last 4 devices only watch (subscribe and browse). The territory has
// 300 more initiatives than the demo, added in SQL as the command does for its long runs. It checks outcomes, not timings. The long runs (100 and 1,000 devices) use the
// command: go run ./loadtest/cmd/maillage-load -devices 1000.
func TestShortLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary: run without -short")
	}
	srv := startTest(t, seeded)
	cfg := Config{BaseURL: srv.URL(""), Devices: 20, Syncing: 16, DevicesPerUser: 2, Ramp: time.Second,
		Duration: 5 * time.Second, Think: 250 * time.Millisecond, PokeSpread: 500 * time.Millisecond,
		Mix: Mix{List: 3, View: 3, GeoBox: 2, GeoNear: 1, Edit: 3, Create: 3, CreatePhoto: 1}}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	WriteTable(&table, res.Recorder.Stats())
	t.Logf("\n%s", table.String())
	if err := Verify(context.Background(), res); err != nil {
		t.Fatal(err)
	}
	checkEveryDevice(t, res)
	if n := len(res.Devices[0].Client.ServerIDs("initiatives")); n < seeded {
		t.Errorf("a device holds %d initiatives, fewer than the %d seeded", n, seeded)
	}
}

// seeded is how many initiatives the short load adds to the demo territory.
const seeded = 300

// checkEveryDevice: each device contributed, had something to pull on poke, and heard pokes.
func checkEveryDevice(t *testing.T, res *Result) {
	t.Helper()
	kinds := map[string]int{}
	for _, s := range res.Recorder.Stats() {
		kinds[s.Kind] = s.Count
	}
	for _, k := range []string{OpSnapshot, OpSubscribe, OpPull, OpPush, OpMedia, OpPushPhoto, OpList, OpView, OpGeoBox} {
		if kinds[k] == 0 {
			t.Errorf("no %s operation ran: the mix is not exercised", k)
		}
	}
	if kinds[OpSnapshot] != 16 {
		t.Errorf("%d initial syncs, want 16: the 4 other devices only watch", kinds[OpSnapshot])
	}
	for _, d := range res.Devices {
		if d.Pokes() == 0 {
			t.Errorf("device %d heard no poke", d.N)
		}
		if d.watcher && len(d.Contributions()) > 0 {
			t.Errorf("watching device %d contributed", d.N)
		}
	}
}

// The binary under test, built once for the package's tests.
var (
	buildOnce sync.Once
	binDir    string
	bin       string
	buildErr  error
)

// TestMain removes the built binary once every test is done.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// startTest builds the binary (once) and serves a fresh data dir until the test ends.
func startTest(t *testing.T, records int) *binarytest.Server {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, buildErr = os.MkdirTemp("", "loadtest-bin-"); buildErr == nil {
			bin, buildErr = binarytest.Build("..", binDir)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	dir := t.TempDir()
	srv, err := StartSeeded(bin, dir+"/data", records)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Stop(10 * time.Second) })
	if os.Getenv("LOADTEST_LOG") != "" {
		t.Cleanup(func() { t.Log(srv.Output()) })
	}
	return srv
}

// TestVerifyCatches is the check's negative control: a contribution no device received, and
// one seen under an older name, are both reported.
func TestVerifyCatches(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary: run without -short")
	}
	srv := startTest(t, 0)
	res, err := Run(context.Background(), Config{BaseURL: srv.URL(""), Devices: 2, DevicesPerUser: 2,
		Duration: time.Second, Think: 100 * time.Millisecond, Mix: Mix{Create: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(context.Background(), res); err != nil {
		t.Fatalf("the untouched run: %v", err)
	}
	d := res.Devices[0]
	var id string
	for id = range d.Contributions() {
		break
	}
	if id == "" {
		t.Fatal("the device contributed nothing")
	}
	for what, want := range map[string]map[string]string{
		"never received": {"aaaaaaaaaaaaaaa": "Fantôme"},
		"older name":     {id: "not its last name"},
	} {
		if err := sees(res.Devices[1], want); err == nil {
			t.Errorf("a contribution %s passes the check", what)
		}
	}
}
