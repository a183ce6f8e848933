package sources_test

import (
	"errors"
	"testing"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/maillage/maillage/interop/sources"
	s "github.com/maillage/maillage/schema"
)

// saveSource saves a new source with fields and returns its field error codes.
func saveSource(t *testing.T, app core.App, fields map[string]any) map[string]string {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(s.Sources)
	if err != nil {
		t.Fatal(err)
	}
	rec := core.NewRecord(c)
	rec.Load(fields)
	return fieldCodes(t, app.Save(rec))
}

// fieldCodes returns the code of each field error of err.
func fieldCodes(t *testing.T, err error) map[string]string {
	t.Helper()
	codes := map[string]string{}
	var errs validation.Errors
	if err != nil && !errors.As(err, &errs) {
		t.Fatalf("got %v, want field errors", err)
	}
	for field, e := range errs {
		var coded interface{ Code() string }
		if errors.As(e, &coded) {
			codes[field] = coded.Code()
		}
	}
	return codes
}

func TestSourceValidation(t *testing.T) {
	app := newApp(t, sources.Config{})
	base := func(extra map[string]any) map[string]any {
		f := map[string]any{s.FieldSourceName: "agenda", s.FieldSourceFormat: "ics", s.FieldSourceCollection: s.Events}
		for k, v := range extra {
			f[k] = v
		}
		return f
	}
	upload, err := filesystem.NewFileFromBytes([]byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), "agenda.ics")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		fields map[string]any
		want   map[string]string
	}{
		{"neither url nor file", base(nil), map[string]string{s.FieldSourceURL: "source_url_or_file", s.FieldSourceFile: "source_url_or_file"}},
		{"ftp url", base(map[string]any{s.FieldSourceURL: "ftp://example.org/agenda.ics"}), map[string]string{s.FieldSourceURL: "source_url_scheme"}},
		{"bad schedule", base(map[string]any{s.FieldSourceURL: "https://example.org/a.ics", s.FieldSourceSchedule: "every night"}),
			map[string]string{s.FieldSourceSchedule: "source_schedule_invalid"}},
		{"misspelt mapping", base(map[string]any{s.FieldSourceURL: "https://example.org/a.ics", s.FieldSourceMapping: `{"field": {"name": "Nom"}}`}),
			map[string]string{s.FieldSourceMapping: "source_mapping_invalid"}},
		{"url and schedule", base(map[string]any{s.FieldSourceURL: "https://example.org/a.ics", s.FieldSourceSchedule: "30 2 * * 1",
			s.FieldSourceMapping: `{"fields": {"name": "Nom"}, "categories": {"AMAP": "alimentation"}}`}), map[string]string{}},
		{"uploaded file", base(map[string]any{s.FieldSourceName: "agenda-file", s.FieldSourceFile: upload}), map[string]string{}},
	}
	for _, c := range cases {
		got := saveSource(t, app, c.fields)
		if len(got) != len(c.want) {
			t.Errorf("%s: got errors %v, want %v", c.name, got, c.want)
			continue
		}
		for field, code := range c.want {
			if got[field] != code {
				t.Errorf("%s: %s error %q, want %q", c.name, field, got[field], code)
			}
		}
	}
}

// A source whose records carry its name keeps it; a source that imported nothing may change it.
func TestSourceRenameLockedOnceImported(t *testing.T) {
	app := newApp(t, sources.Config{AllowNetworks: loopback})
	src := newSource(t, app, "france-services", serve(t, &feed{body: fixture(t)}).URL, nil)
	idle := newSource(t, app, "idle", "https://example.org/idle.csv", nil)

	idle.Set(s.FieldSourceName, "idle-renamed")
	if err := app.Save(idle); err != nil {
		t.Errorf("renaming a source that imported nothing: %v", err)
	}
	run(t, sources.NewRunner(app, sources.Config{AllowNetworks: loopback}), src)
	src, _ = app.FindRecordById(s.Sources, src.Id)
	src.Set(s.FieldSourceName, "france-services-2")
	if got := fieldCodes(t, app.Save(src))[s.FieldSourceName]; got != "source_name_locked" {
		t.Errorf("renaming a source with records: error %q, want source_name_locked", got)
	}
}

// Changing how a source is read forgets its validators, so the next run imports again rather
// than answering unchanged.
func TestEditedSourceImportsAgain(t *testing.T) {
	app := newApp(t, sources.Config{AllowNetworks: loopback})
	f := &feed{body: fixture(t), etag: `"v1"`, conditional: true}
	src := newSource(t, app, "france-services", serve(t, f).URL, nil)
	runner := sources.NewRunner(app, sources.Config{AllowNetworks: loopback})
	run(t, runner, src)

	src, _ = app.FindRecordById(s.Sources, src.Id)
	src.Set(s.FieldSourceMapping, `{"fields": {"name": "lib_fs"}}`)
	if err := app.Save(src); err != nil {
		t.Fatal(err)
	}
	if got := src.GetString(s.FieldSourceETag); got != "" {
		t.Errorf("etag after a mapping change: got %s, want none", got)
	}
	if got := countsOf(t, run(t, runner, src)); got.Status != s.RunOK {
		t.Errorf("run after a mapping change: got %+v, want ok (a full import)", got)
	}
}
