package basemap_test

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/basemap"
	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/fixtures"
	"github.com/maillage/maillage/internal/geoapi"
)

// appWithCommunes is an app whose database holds the nine communes of Plaine Commune.
func appWithCommunes(t *testing.T) *tests.TestApp {
	app, err := tests.NewTestApp()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	data := fixtures.Read(t, "boundaries", "plaine-commune-9-communes.geojson")
	if _, err := geoapi.ImportTerritory(app, data, geoapi.ImportOptions{Territory: "Plaine Commune"}); err != nil {
		t.Fatal(err)
	}
	return app
}

// run runs `maillage basemap ARGS…` on app and returns its output.
func run(t *testing.T, app *tests.TestApp, args ...string) (string, error) {
	cmd := basemap.Command(app)
	var out bytes.Buffer
	cmd.SetOut(&out)
	cmd.SetErr(&out)
	cmd.SetArgs(args)
	err := cmd.Execute()
	return out.String(), err
}

// Without --bbox, sketch and extract take the communes of the database, grown by the margin:
// the extract holds exactly the tiles of that box.
func TestCommandsUseTheDatabasesCommunes(t *testing.T) {
	app := appWithCommunes(t)
	dir := t.TempDir()
	source, out := filepath.Join(dir, "sketch.pmtiles"), filepath.Join(dir, "extract.pmtiles")
	if msg, err := run(t, app, "sketch", "--out", source, "--maxzoom", "13"); err != nil || !strings.Contains(msg, "vector tiles (mvt), zooms 0–13") {
		t.Fatalf("sketch: %v %s", err, msg)
	}
	if msg, err := run(t, app, "extract", "--from", source, "--out", out, "--maxzoom", "12", "--margin", "500"); err != nil || !strings.Contains(msg, "zooms 0–12") {
		t.Fatalf("extract: %v %s", err, msg)
	}
	terr, _ := geo.NewTerritory(communes(t, "plaine-commune-9-communes.geojson"))
	area := basemap.FromBounds(terr.Bounds().Expand(500))
	if got, want := tileList(t, out), expectedTiles(tileList(t, source), area, 12); !slices.Equal(got, want) {
		t.Fatalf("extract of the communes holds %v, want %v", got, want)
	}
	// Control: the default margin (2 km) reaches more tiles at zoom 12 than 500 m.
	wider := basemap.FromBounds(terr.Bounds().Expand(basemap.DefaultMarginMeters))
	if slices.Equal(expectedTiles(tileList(t, source), wider, 12), tileList(t, out)) {
		t.Fatal("control: the margin changes nothing")
	}
}

// Without communes and without --bbox, extract says what to do.
func TestExtractWithoutAnArea(t *testing.T) {
	app, err := tests.NewTestApp()
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	from := thirdParty(t, "stamen-toner-raster-z3.pmtiles")
	_, err = run(t, app, "extract", "--from", from, "--out", filepath.Join(t.TempDir(), "x.pmtiles"))
	if err == nil || !strings.Contains(err.Error(), "give --bbox") {
		t.Fatalf("got %v", err)
	}
	if _, err := run(t, app, "extract", "--from", from, "--out", filepath.Join(t.TempDir(), "x.pmtiles"), "--bbox", "2,48,3,49", "--maxzoom", "3"); err != nil {
		t.Fatalf("control: with --bbox: %v", err)
	}
}
