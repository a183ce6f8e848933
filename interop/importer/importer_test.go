package importer_test

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/internal/fixtures"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/importer"
	s "github.com/maillage/maillage/schema"
)

// Real places of Plaine Commune (points inside their communes) and one in Lyon.
var (
	mairieStains = &interop.Point{Lon: 2.3833, Lat: 48.9500}
	basilique    = &interop.Point{Lon: 2.3597, Lat: 48.9355}
	lyon         = &interop.Point{Lon: 4.8357, Lat: 45.7640}
)

// newApp is a Maillage test app with Plaine Commune's real communes as its territory.
func newApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app := testapp.New(t, server.Config{})
	data := fixtures.Read(t, "boundaries", "plaine-commune-9-communes.geojson")
	if _, err := geoapi.ImportTerritory(app, data, geoapi.ImportOptions{Territory: "Plaine Commune"}); err != nil {
		t.Fatalf("territory: %v", err)
	}
	return app
}

// fixed is a decoder that returns items, whatever it reads.
func fixed(items ...interop.Item) interop.Decoder {
	return func(io.Reader, string) (interop.Decoded, error) {
		return interop.Decoded{Items: items}, nil
	}
}

func run(t *testing.T, app core.App, dec interop.Decoder, opts importer.Options) importer.Summary {
	t.Helper()
	if opts.Collection == "" {
		opts.Collection = s.Initiatives
	}
	if opts.Source == "" {
		opts.Source = "test-source"
	}
	sum, err := importer.ImportWith(app, dec, strings.NewReader(""), opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return sum
}

func wantCounts(t *testing.T, sum importer.Summary, created, updated, skipped, errs int) {
	t.Helper()
	if sum.Created != created || sum.Updated != updated || sum.Skipped != skipped || len(sum.Errors) != errs {
		t.Fatalf("got created %d updated %d skipped %d errors %v, want %d %d %d and %d errors",
			sum.Created, sum.Updated, sum.Skipped, sum.Errors, created, updated, skipped, errs)
	}
}

func place(id, name string, p *interop.Point) interop.Item {
	return interop.Item{ExternalID: id, Name: name, Geo: p, Website: "www.example.org/" + id, Description: "Une description."}
}

func TestImportTwiceCreatesNothing(t *testing.T) {
	app := newApp(t)
	dec := fixed(place("a", "Jardin du Fort", mairieStains), place("b", "Ressourcerie", basilique))
	wantCounts(t, run(t, app, dec, importer.Options{}), 2, 0, 0, 0)
	wantCounts(t, run(t, app, dec, importer.Options{}), 0, 0, 2, 0)
	n, err := app.CountRecords(s.Initiatives)
	if err != nil || n != 2 {
		t.Fatalf("got %d initiatives (%v), want 2", n, err)
	}
	rec, err := app.FindFirstRecordByData(s.Initiatives, s.FieldExternalID, "a")
	if err != nil {
		t.Fatal(err)
	}
	for field, want := range map[string]string{s.FieldSource: "test-source", s.FieldStatus: s.StatusPublished,
		s.FieldVisibility: s.VisibilityPublic, "website": "https://www.example.org/a", s.FieldCommune: rec.GetString(s.FieldCommune)} {
		if got := rec.GetString(field); got != want || got == "" {
			t.Errorf("%s: got %q, want %q", field, got, want)
		}
	}
}

// TestAnotherSourceIsAnotherRecord is the negative control of idempotence: the same items under
// another source name are not matched, so the check above would catch a matching that ignored
// the externalId's source.
func TestAnotherSourceIsAnotherRecord(t *testing.T) {
	app := newApp(t)
	dec := fixed(place("a", "Jardin du Fort", mairieStains))
	wantCounts(t, run(t, app, dec, importer.Options{Source: "one"}), 1, 0, 0, 0)
	wantCounts(t, run(t, app, dec, importer.Options{Source: "two"}), 1, 0, 0, 0)
}

func TestChangedItemIsUpdated(t *testing.T) {
	app := newApp(t)
	run(t, app, fixed(place("a", "Jardin du Fort", mairieStains)), importer.Options{})
	changed := place("a", "Jardin partagé du Fort", basilique)
	wantCounts(t, run(t, app, fixed(changed), importer.Options{}), 0, 1, 0, 0)
	rec, _ := app.FindFirstRecordByData(s.Initiatives, s.FieldExternalID, "a")
	if rec.GetString("name") != changed.Name || rec.GetGeoPoint(s.FieldGeo).Lat != basilique.Lat {
		t.Fatalf("got %q at %v, want the upstream name and point", rec.GetString("name"), rec.GetGeoPoint(s.FieldGeo))
	}
}

func TestLocalEditIsKeptAndUpstreamGoesToModerators(t *testing.T) {
	app := newApp(t)
	run(t, app, fixed(place("a", "Jardin du Fort", mairieStains)), importer.Options{})
	rec, _ := app.FindFirstRecordByData(s.Initiatives, s.FieldExternalID, "a")
	rec.Set("description", "Corrigé sur place : ouvert le samedi.")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	up := place("a", "Jardin du Fort", mairieStains)
	up.Description = "Nouvelle description de la source."
	up.OpeningHours = "Sa 10:00-12:00"
	wantCounts(t, run(t, app, fixed(up), importer.Options{Lang: i18n.EN}), 0, 1, 0, 0)
	rec, _ = app.FindRecordById(s.Initiatives, rec.Id)
	if rec.GetString("description") != "Corrigé sur place : ouvert le samedi." || rec.GetString("openingHours") != up.OpeningHours {
		t.Fatalf("got description %q, hours %q: the local edit must stay and the untouched field follow the source",
			rec.GetString("description"), rec.GetString("openingHours"))
	}
	conflicts, err := app.FindAllRecords(s.SyncConflicts)
	if err != nil || len(conflicts) != 1 {
		t.Fatalf("got %d conflicts (%v), want 1", len(conflicts), err)
	}
	c := conflicts[0]
	var client string
	_ = json.Unmarshal([]byte(c.GetString(s.FieldConflictClient)), &client)
	if c.GetString(s.FieldConflictField) != "description" || client != up.Description || c.GetString(s.FieldConflictKind) != s.ConflictField ||
		!strings.Contains(c.GetString(s.FieldConflictMessage), "test-source") {
		t.Fatalf("got conflict %v, want the upstream description for moderators", c.PublicExport())
	}
	// The same upstream value again raises nothing more: it is known now.
	wantCounts(t, run(t, app, fixed(up), importer.Options{}), 0, 0, 1, 0)
	if n, _ := app.CountRecords(s.SyncConflicts); n != 1 {
		t.Fatalf("got %d conflicts after a re-import, want 1", n)
	}
}

func TestOutsideTheTerritoryIsSkippedWithItsReason(t *testing.T) {
	app := newApp(t)
	sum := run(t, app, fixed(place("lyon", "Halles de Lyon", lyon), place("a", "Jardin du Fort", mairieStains)), importer.Options{Lang: i18n.EN})
	wantCounts(t, sum, 1, 0, 1, 1)
	if sum.Errors[0].Item != "Halles de Lyon" || !strings.Contains(sum.Errors[0].Message, "km") {
		t.Fatalf("got %+v, want the distance to the territory", sum.Errors[0])
	}
}

func TestBadItemsDoNotStopTheRun(t *testing.T) {
	app := newApp(t)
	noName := place("x", "", mairieStains)
	noName.Label = "feature 1"
	sum := run(t, app, fixed(noName, place("a", "Jardin du Fort", mairieStains)), importer.Options{Lang: i18n.FR})
	wantCounts(t, sum, 1, 0, 0, 1)
	if sum.Errors[0].Item != "feature 1" || !strings.Contains(sum.Errors[0].Message, "nom") {
		t.Fatalf("got %+v, want the missing name in French", sum.Errors[0])
	}
}

func TestDryRunCountsAndWritesNothing(t *testing.T) {
	app := newApp(t)
	items := fixed(place("a", "Jardin du Fort", mairieStains), place("a", "Jardin du Fort", mairieStains), place("lyon", "Halles", lyon))
	dry := run(t, app, items, importer.Options{DryRun: true})
	if n, _ := app.CountRecords(s.Initiatives); n != 0 {
		t.Fatalf("a dry run wrote %d records", n)
	}
	if n, _ := app.CountRecords(s.ImportStates); n != 0 {
		t.Fatalf("a dry run wrote %d import states", n)
	}
	real := run(t, app, items, importer.Options{})
	if dry.Created != real.Created || dry.Updated != real.Updated || dry.Skipped != real.Skipped || len(dry.Errors) != len(real.Errors) {
		t.Fatalf("dry run %+v, real run %+v: want the same counts", dry, real)
	}
	wantCounts(t, real, 1, 0, 2, 1)
}

func TestEventsKeepTheirRecurrence(t *testing.T) {
	app := newApp(t)
	start := time.Date(2026, 3, 7, 9, 0, 0, 0, time.UTC)
	ev := interop.Item{ExternalID: "uid-1", Name: "Disco soupe", Event: &interop.Event{
		Start: start, End: start.Add(2 * time.Hour), TimeZone: "Europe/Paris", RRule: "RRULE:FREQ=WEEKLY;BYDAY=SA",
		ExDates: []time.Time{start.AddDate(0, 0, 7)}, Place: "Marché de Saint-Denis",
	}}
	wantCounts(t, run(t, app, fixed(ev), importer.Options{Collection: s.Events}), 1, 0, 0, 0)
	rec, _ := app.FindFirstRecordByData(s.Events, s.FieldExternalID, "uid-1")
	if rec.GetString("rrule") != "FREQ=WEEKLY;BYDAY=SA" || rec.GetString("place") != "Marché de Saint-Denis" ||
		!rec.GetDateTime("start").Time().Equal(start) || !strings.Contains(rec.GetString("exdates"), "2026-03-14T09:00:00Z") {
		t.Fatalf("got %v", rec.PublicExport())
	}
	wantCounts(t, run(t, app, fixed(ev), importer.Options{Collection: s.Events}), 0, 0, 1, 0)
}

func TestArgumentsAndUnusableInput(t *testing.T) {
	app := newApp(t)
	_, err := importer.Import(app, strings.NewReader(""), importer.Options{Format: "geojson", Collection: "users", Source: "x", Lang: i18n.EN})
	if !errors.Is(err, importer.ErrArguments) || !strings.Contains(err.Error(), "initiatives, events or organisations") {
		t.Fatalf("got %v, want a refusal of the collection", err)
	}
	_, err = importer.Import(app, strings.NewReader(""), importer.Options{Format: "xls", Collection: s.Initiatives, Source: "x"})
	if !errors.Is(err, importer.ErrArguments) {
		t.Fatalf("got %v, want a refusal of the format", err)
	}
	broken := func(io.Reader, string) (interop.Decoded, error) { panic("index out of range") }
	_, err = importer.ImportWith(app, broken, strings.NewReader(""), importer.Options{Collection: s.Initiatives, Source: "x"})
	if !errors.Is(err, importer.ErrUnusable) {
		t.Fatalf("got %v, want a decoder's panic reported as an unusable input", err)
	}
}
