package sources_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop/sources"
	s "github.com/maillage/maillage/schema"
)

// fixtureRows is the number of rows of the fixture, each one initiative.
const fixtureRows = 32

// fixture returns the real CSV the test sources serve (testdata/SOURCES.md).
func fixture(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "france-services-93-seine-saint-denis.csv"))
	if err != nil {
		t.Fatalf("fixture missing (see testdata/SOURCES.md): %v", err)
	}
	return b
}

// edited returns body with old replaced by new, failing when old is not there.
func edited(t testing.TB, body []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(body, []byte(old)) {
		t.Fatalf("fixture has no %q", old)
	}
	return bytes.Replace(body, []byte(old), []byte(new), 1)
}

// loopback lets sources reach the tests' own servers, which listen on 127.0.0.1.
var loopback = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}

// newApp builds the app exactly as main.go does, with cfg for its sources.
func newApp(t testing.TB, cfg sources.Config) *tests.TestApp {
	t.Helper()
	return testapp.New(t, server.Config{Sources: cfg})
}

// newSource saves an enabled CSV source of initiatives named name, reading url, with fields
// overriding those defaults.
func newSource(t testing.TB, app core.App, name, url string, fields map[string]any) *core.Record {
	t.Helper()
	base := map[string]any{
		s.FieldSourceName: name, s.FieldSourceFormat: "csv", s.FieldSourceURL: url,
		s.FieldSourceCollection: s.Initiatives, s.FieldSourceEnabled: true,
		s.FieldSourceLicence: "Licence Ouverte / Etalab 2.0", s.FieldSourceAttribution: "ANCT",
	}
	for k, v := range fields {
		base[k] = v
	}
	return testapp.NewRecord(t, app, s.Sources, base)
}

// run runs a source with runner and returns its importRuns row.
func run(t testing.TB, runner *sources.Runner, src *core.Record) *core.Record {
	t.Helper()
	row, err := runner.Run(context.Background(), src.Id)
	if err != nil {
		t.Fatalf("run %s: %v", src.GetString(s.FieldSourceName), err)
	}
	return row
}

// counts is what a run row says it did.
type counts struct {
	Status                                string
	Created, Updated, Skipped, Duplicates int
	Errors                                int
	Code                                  string
}

func countsOf(t testing.TB, row *core.Record) counts {
	t.Helper()
	var errs []any
	if err := row.UnmarshalJSONField(s.FieldRunErrors, &errs); err != nil {
		t.Fatalf("run errors: %v", err)
	}
	return counts{
		Status: row.GetString(s.FieldRunStatus), Code: row.GetString(s.FieldRunCode),
		Created: row.GetInt(s.FieldRunCreated), Updated: row.GetInt(s.FieldRunUpdated),
		Skipped: row.GetInt(s.FieldRunSkipped), Duplicates: row.GetInt(s.FieldRunDuplicates),
		Errors: len(errs),
	}
}

// countRecords counts the records of collection imported from source.
func countRecords(t testing.TB, app core.App, collection, source string) int {
	t.Helper()
	recs, err := app.FindAllRecords(collection)
	if err != nil {
		t.Fatalf("list %s: %v", collection, err)
	}
	n := 0
	for _, r := range recs {
		if r.GetString(s.FieldSource) == source {
			n++
		}
	}
	return n
}

// feed is a test source server: it serves body with its ETag, answers 304 to a matching
// If-None-Match when conditional, and counts the requests it gets.
type feed struct {
	mu          sync.Mutex
	body        []byte
	etag        string
	conditional bool
	requests    int
}

func (f *feed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests++
	if f.conditional && f.etag != "" && r.Header.Get("If-None-Match") == f.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if f.etag != "" {
		w.Header().Set("ETag", f.etag)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	_, _ = w.Write(f.body)
}

func (f *feed) set(body []byte, etag string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.body, f.etag = body, etag
}

func (f *feed) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests
}

// serve starts h on loopback for the test's duration.
func serve(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// statusHandler answers every request with status and a short body.
func statusHandler(status int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, http.StatusText(status), status)
	})
}
