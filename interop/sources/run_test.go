package sources_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/maillage/maillage/interop/sources"
	s "github.com/maillage/maillage/schema"
)

// A source is imported, then costs one 304 while unchanged, then brings its change in.
func TestRunChangedAndUnchanged(t *testing.T) {
	app := newApp(t, sources.Config{AllowNetworks: loopback})
	f := &feed{body: fixture(t), etag: `"v1"`, conditional: true}
	src := newSource(t, app, "france-services", serve(t, f).URL, nil)
	runner := sources.NewRunner(app, sources.Config{AllowNetworks: loopback})

	first := countsOf(t, run(t, runner, src))
	if first.Status != s.RunOK || first.Created != fixtureRows || first.Errors != 0 {
		t.Fatalf("first run: got %+v, want ok with %d created and no error", first, fixtureRows)
	}
	before := f.count()
	second := countsOf(t, run(t, runner, src))
	if second.Status != s.RunUnchanged || second.Created+second.Updated != 0 {
		t.Errorf("unchanged run: got %+v, want status unchanged and nothing written", second)
	}
	if got := f.count() - before; got != 1 {
		t.Errorf("unchanged run: the source got %d requests, want exactly 1", got)
	}

	f.set(edited(t, fixture(t), "France services Pimms Médiation Sevran", "Maison France services de Sevran"), `"v2"`)
	third := countsOf(t, run(t, runner, src))
	if third.Status != s.RunOK || third.Updated != 1 || third.Created != 0 {
		t.Errorf("changed run: got %+v, want ok with 1 updated and 0 created", third)
	}
	if got := countRecords(t, app, s.Initiatives, "france-services"); got != fixtureRows {
		t.Errorf("records from the source: got %d, want %d", got, fixtureRows)
	}
	reloaded, err := app.FindRecordById(s.Sources, src.Id)
	if err != nil {
		t.Fatal(err)
	}
	if got := reloaded.GetString(s.FieldSourceETag); got != `"v2"` {
		t.Errorf("stored etag: got %s, want \"v2\"", got)
	}
}

// One refused item is reported in the run's errors; the other items are imported.
func TestFailingItemDoesNotAbortRun(t *testing.T) {
	app := newApp(t, sources.Config{AllowNetworks: loopback})
	body := edited(t, fixture(t), "France services Pimms Médiation Sevran", "")
	src := newSource(t, app, "france-services", serve(t, &feed{body: body}).URL, nil)

	got := countsOf(t, run(t, sources.NewRunner(app, sources.Config{AllowNetworks: loopback}), src))
	if got.Status != s.RunOK || got.Created != fixtureRows-1 || got.Errors != 1 {
		t.Errorf("got %+v, want ok with %d created and 1 error", got, fixtureRows-1)
	}
}

// A failing source records a failed run and leaves the other source's run whole.
func TestFailingSourceDoesNotAffectAnother(t *testing.T) {
	app := newApp(t, sources.Config{AllowNetworks: loopback})
	bad := newSource(t, app, "en-panne", serve(t, statusHandler(500)).URL, nil)
	good := newSource(t, app, "france-services", serve(t, &feed{body: fixture(t)}).URL, nil)
	runner := sources.NewRunner(app, sources.Config{AllowNetworks: loopback})

	failed, ok := countsOf(t, run(t, runner, bad)), countsOf(t, run(t, runner, good))
	if failed.Status != s.RunFailed || failed.Code != "source_fetch_status" {
		t.Errorf("failing source: got %+v, want failed with source_fetch_status", failed)
	}
	if ok.Status != s.RunOK || ok.Created != fixtureRows {
		t.Errorf("other source: got %+v, want ok with %d created", ok, fixtureRows)
	}
}

// A source runs once at a time: a second run while the first waits for the source is refused
// with ErrRunning, and the source can run again once the first is over.
func TestOneRunAtATime(t *testing.T) {
	app := newApp(t, sources.Config{AllowNetworks: loopback})
	arrived, release, body := make(chan struct{}), make(chan struct{}), fixture(t)
	src := newSource(t, app, "lente", serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		<-release
		_, _ = w.Write(body)
	})).URL, nil)
	runner := sources.NewRunner(app, sources.Config{AllowNetworks: loopback})

	first := make(chan error, 1)
	go func() {
		_, err := runner.Run(context.Background(), src.Id)
		first <- err
	}()
	<-arrived // the first run is fetching
	if _, err := runner.Run(context.Background(), src.Id); !errors.Is(err, sources.ErrRunning) {
		t.Errorf("second run during the first: got %v, want ErrRunning", err)
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatalf("first run: %v", err)
	}
	go func() { <-arrived }() // the next run's request
	if _, err := runner.Run(context.Background(), src.Id); err != nil {
		t.Errorf("run after the first ended: %v", err)
	}
}
