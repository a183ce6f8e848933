package sources_test

import (
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/cron"

	"github.com/maillage/maillage/interop/importer"
	"github.com/maillage/maillage/interop/sources"
	s "github.com/maillage/maillage/schema"
)

// job returns the cron job of a source, nil when there is none.
func job(app core.App, src *core.Record) *cron.Job {
	for _, j := range app.Cron().Jobs() {
		if j.Id() == sources.JobID(src.Id) {
			return j
		}
	}
	return nil
}

// The cron job of a source follows its edits: added, re-scheduled, removed when disabled or
// unscheduled, removed when deleted.
func TestCronFollowsSourceEdits(t *testing.T) {
	app := newApp(t, sources.Config{AllowNetworks: loopback})
	src := newSource(t, app, "agenda", "https://example.org/agenda.csv", map[string]any{s.FieldSourceSchedule: "0 3 * * *"})
	steps := []struct {
		name   string
		fields map[string]any
		want   string // expression, "" for no job
	}{
		{"created", nil, "0 3 * * *"},
		{"rescheduled", map[string]any{s.FieldSourceSchedule: "*/15 * * * *"}, "*/15 * * * *"},
		{"disabled", map[string]any{s.FieldSourceEnabled: false}, ""},
		{"enabled, unscheduled", map[string]any{s.FieldSourceEnabled: true, s.FieldSourceSchedule: ""}, ""},
		{"scheduled again", map[string]any{s.FieldSourceSchedule: "@hourly"}, "0 * * * *"}, // the macro, expanded
	}
	for _, step := range steps {
		if step.fields != nil {
			src.Load(step.fields)
			if err := app.Save(src); err != nil {
				t.Fatalf("%s: save: %v", step.name, err)
			}
		}
		got := ""
		if j := job(app, src); j != nil {
			got = j.Expression()
		}
		if got != step.want {
			t.Errorf("%s: job expression %q, want %q", step.name, got, step.want)
		}
	}
	if err := app.Delete(src); err != nil {
		t.Fatal(err)
	}
	if j := job(app, src); j != nil {
		t.Errorf("deleted: job %s still there", j.Expression())
	}
}

// When the server starts, every scheduled source gets its job (here removed by hand first, as
// after a restart).
func TestServeSchedulesSources(t *testing.T) {
	scenario := tests.ApiScenario{
		Name: "serve start", Method: http.MethodGet, URL: sources.PathCredits,
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"name":"agenda"`},
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app := newApp(t, sources.Config{})
			src := newSource(t, app, "agenda", "https://example.org/agenda.csv", map[string]any{s.FieldSourceSchedule: "@daily"})
			app.Cron().Remove(sources.JobID(src.Id))
			return app
		},
		BeforeTestFunc: func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
			src, err := app.FindFirstRecordByData(s.Sources, s.FieldSourceName, "agenda")
			if err != nil {
				t.Fatal(err)
			}
			if j := job(app, src); j == nil || j.Expression() != "0 0 * * *" {
				t.Errorf("job after serve start: got %v, want @daily (0 0 * * *)", j)
			}
		},
	}
	scenario.Test(t)
}

// Running a source twice through its cron job, from a server that ignores conditional
// requests, creates nothing the second time.
func TestScheduledRunsAreIdempotent(t *testing.T) {
	if problem := runTwiceThroughCron(t, importer.Import); problem != "" {
		t.Error(problem)
	}
}

// Negative control: an import that does not keep the source's name from one run to the next
// (so records no longer match) is caught by the same check.
func TestIdempotenceCheckCatchesBrokenMatching(t *testing.T) {
	calls := 0
	renaming := func(app core.App, r io.Reader, opts importer.Options) (importer.Summary, error) {
		calls++
		opts.Source += string(rune('0' + calls))
		return importer.Import(app, r, opts)
	}
	if problem := runTwiceThroughCron(t, renaming); problem == "" {
		t.Error("an import that creates the records again passed the idempotence check")
	}
}

// runTwiceThroughCron runs a scheduled source's job twice with imp as the import, and says
// what went wrong, "" when the second run created nothing.
func runTwiceThroughCron(t *testing.T, imp sources.ImportFunc) string {
	t.Helper()
	app := newApp(t, sources.Config{AllowNetworks: loopback, Import: imp})
	f := &feed{body: fixture(t)} // no ETag: every request gets the whole file
	src := newSource(t, app, "france-services", serve(t, f).URL, map[string]any{s.FieldSourceSchedule: "@daily"})
	j := job(app, src)
	if j == nil {
		t.Fatal("no cron job for the scheduled source")
	}
	j.Run()
	j.Run()
	runs, err := app.FindRecordsByFilter(s.ImportRuns, "", "-"+s.FieldRunStarted+",-created", 0, 0)
	if err != nil || len(runs) != 2 || f.count() != 2 {
		t.Fatalf("got %d runs (%v) and %d requests, want 2 of each", len(runs), err, f.count())
	}
	second := countsOf(t, runs[0])
	total := 0
	for _, r := range []string{"france-services", "france-services1", "france-services2"} {
		total += countRecords(t, app, s.Initiatives, r)
	}
	if second.Status != s.RunOK || second.Created != 0 || total != fixtureRows {
		return fmt.Sprintf("second run: %s with %d created, %d records in all; want ok, 0 created, %d records",
			second.Status, second.Created, total, fixtureRows)
	}
	return ""
}
