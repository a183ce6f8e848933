package sources_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/maillage/maillage/interop/sources"
	s "github.com/maillage/maillage/schema"
)

// An uploaded file is imported once; the same file again is unchanged; a new upload brings its
// changes in.
func TestUploadedFileSource(t *testing.T) {
	app := newApp(t, sources.Config{})
	src := newSource(t, app, "france-services", "", map[string]any{s.FieldSourceFile: upload(t, fixture(t))})
	runner := sources.NewRunner(app, sources.Config{})

	steps := []struct {
		name string
		body []byte // a new upload before the run, or nil
		want counts
	}{
		{"first", nil, counts{Status: s.RunOK, Created: fixtureRows}},
		{"same file", nil, counts{Status: s.RunUnchanged}},
		{"new upload", edited(t, fixture(t), "France services Pimms Médiation Sevran", "Maison France services de Sevran"),
			counts{Status: s.RunOK, Updated: 1}},
	}
	for _, step := range steps {
		if step.body != nil {
			src, _ = app.FindRecordById(s.Sources, src.Id)
			src.Set(s.FieldSourceFile, upload(t, step.body))
			if err := app.Save(src); err != nil {
				t.Fatalf("%s: upload: %v", step.name, err)
			}
		}
		got := countsOf(t, run(t, runner, src))
		got.Skipped, got.Duplicates = 0, 0 // not what this test is about
		if got != step.want {
			t.Errorf("%s: got %+v, want %+v", step.name, got, step.want)
		}
	}
}

// A source keeps its KeepRuns most recent runs.
func TestOldRunsArePruned(t *testing.T) {
	app := newApp(t, sources.Config{})
	src := newSource(t, app, "france-services", "", map[string]any{s.FieldSourceFile: upload(t, fixture(t))})
	runner := sources.NewRunner(app, sources.Config{})
	for range sources.KeepRuns + 3 { // all but the first are cheap: the file is unchanged
		run(t, runner, src)
	}
	runs, err := app.FindRecordsByFilter(s.ImportRuns, "", "", 0, 0)
	if err != nil || len(runs) != sources.KeepRuns {
		t.Fatalf("runs kept: got %d (%v), want %d", len(runs), err, sources.KeepRuns)
	}
	for _, r := range runs {
		if r.GetString(s.FieldRunStatus) != s.RunUnchanged {
			t.Fatalf("the first run (ok) is still kept, want it pruned as the oldest")
		}
	}
}

// upload wraps body as an uploaded CSV file.
func upload(t testing.TB, body []byte) *filesystem.File {
	t.Helper()
	f, err := filesystem.NewFileFromBytes(body, "france-services.csv")
	if err != nil {
		t.Fatal(err)
	}
	return f
}
