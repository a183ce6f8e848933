package federation_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/federation"
	"github.com/maillage/maillage/internal/dbconnect"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// benchSite serves a test app on loopback, its application URL set, followed by n actors whose
// loopback inboxes accept every delivery without reading it; heard hears each attempt.
func benchSite(b *testing.B, n int) (app *tests.TestApp, heard chan error) {
	return benchSiteOn(b, n, dbconnect.ConnectNormal)
}

// benchSiteOn is benchSite on a database opened by connect.
func benchSiteOn(b *testing.B, n int, connect core.DBConnectFunc) (app *tests.TestApp, heard chan error) {
	heard = make(chan error, 4096)
	b.Cleanup(federation.OnAttemptForTest(func(_ string, _ int, err error) { heard <- err }))
	b.Cleanup(federation.UseClientForTest(http.DefaultClient))
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: b.TempDir(), DBConnect: connect})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(app.Cleanup)
	if err := server.Bind(app, server.Config{}); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(benchMux(b, app))
	b.Cleanup(srv.Close)
	app.Settings().Meta.AppURL = srv.URL
	for range n {
		inbox := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.WriteHeader(http.StatusAccepted)
		}))
		b.Cleanup(inbox.Close)
		testapp.NewRecord(b, app, s.FederationFollowers, map[string]any{s.FollowerFields.Actor: inbox.URL + "/actor",
			s.FollowerFields.Inbox: inbox.URL + "/inbox", s.FollowerSharedInbox: inbox.URL + "/inbox"})
	}
	return app, heard
}

// benchMux builds the app's router as serving does (which starts the delivery queue).
func benchMux(b *testing.B, app *tests.TestApp) http.Handler {
	return testapp.Router(b, app)
}

// publicEvent is a new public, published event, not saved yet.
func publicEvent(b *testing.B, app core.App, i int) *core.Record {
	c, err := app.FindCollectionByNameOrId(s.Events)
	if err != nil {
		b.Fatal(err)
	}
	rec := core.NewRecord(c)
	rec.Load(map[string]any{"title": "Atelier " + string(rune('A'+i%26)), "start": "2026-12-05 14:00:00.000Z",
		s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic})
	return rec
}

// wait waits for n delivery attempts, failing on an unsuccessful one.
func wait(b *testing.B, heard chan error, n int) {
	for range n {
		if err := <-heard; err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDeliver100Followers: a public event saved, then its Create signed and delivered to
// 100 followers on loopback (each its own server), until the last is accepted.
func BenchmarkDeliver100Followers(b *testing.B) {
	b.Run("synchronous=NORMAL", func(b *testing.B) { benchDeliver(b, dbconnect.ConnectNormal) })
	b.Run("synchronous=FULL", func(b *testing.B) { benchDeliver(b, dbconnect.Connect) })
}

// benchDeliver is BenchmarkDeliver100Followers on a database opened by connect (the test apps'
// NORMAL, or production's FULL).
func benchDeliver(b *testing.B, connect core.DBConnectFunc) {
	app, heard := benchSiteOn(b, 100, connect)
	b.ResetTimer()
	for i := range b.N {
		if err := app.Save(publicEvent(b, app, i)); err != nil {
			b.Fatal(err)
		}
		wait(b, heard, 100)
	}
	b.ReportMetric(float64(100*b.N)/b.Elapsed().Seconds(), "deliveries/s")
}

// settle is the pause before each timed save, the same with and without followers: the
// deliveries of the last save are over, and every save starts from the same idle state (on
// this shared machine a save right after another is several times faster than after a pause).
const settle = 100 * time.Millisecond

// BenchmarkSavePublicEvent: the write path, a public event saved on an app with no follower and
// on one with 100, in turns (which goes first alternates), so that the machine's changing load
// weighs on both alike. Each save is timed alone, not the queuing nor the deliveries that follow
// it in the background, which are waited for (then settle) before the next save.
func BenchmarkSavePublicEvent(b *testing.B) {
	apps, heard := [2]*tests.TestApp{}, [2]chan error{}
	apps[0], heard[0] = benchSite(b, 0)
	apps[1], heard[1] = benchSite(b, 100) // its attempts are the ones heard from now on
	var spent [2][]time.Duration
	for i := range b.N {
		for k := range 2 {
			j := (i + k) % 2
			spent[j] = append(spent[j], timedSave(b, apps[j], i))
			wait(b, heard[j], 100*j)
		}
	}
	none, hundred := median(spent[0]), median(spent[1])
	b.ReportMetric(float64(none.Microseconds())/1000, "ms-median-0-followers")
	b.ReportMetric(float64(hundred.Microseconds())/1000, "ms-median-100-followers")
	b.ReportMetric(float64(hundred)/float64(none), "ratio")
}

// median is the median of ds.
func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// timedSave pauses settle, then saves a new public event on app and returns how long it took.
func timedSave(b *testing.B, app core.App, i int) time.Duration {
	time.Sleep(settle)
	rec := publicEvent(b, app, i)
	start := time.Now()
	if err := app.Save(rec); err != nil {
		b.Fatal(err)
	}
	return time.Since(start)
}
