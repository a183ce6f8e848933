package basemap_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb/encoding/mvt"
	"github.com/protomaps/go-pmtiles/pmtiles"

	"github.com/maillage/maillage/basemap"
	"github.com/maillage/maillage/internal/fixtures"
)

// Archives written by other tools: header, metadata and tiles read as their authors describe
// them (testdata/basemap/SOURCES.md).
func TestThirdPartyArchives(t *testing.T) {
	raster := open(t, thirdParty(t, "stamen-toner-raster-z3.pmtiles"))
	h := raster.Header()
	if raster.Kind() != basemap.KindRaster || raster.Ext() != "png" || h.MinZoom != 0 || h.MaxZoom != 3 || h.AddressedTilesCount != 85 {
		t.Fatalf("stamen archive read as %s", raster.Describe())
	}
	for _, c := range [][3]uint32{{0, 0, 0}, {3, 4, 2}, {3, 7, 7}} {
		data, ok, err := raster.Tile(uint8(c[0]), c[1], c[2])
		if err != nil || !ok || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("tile %v: ok %v, err %v, %d bytes not a PNG", c, ok, err, len(data))
		}
	}
	if _, ok, _ := raster.Tile(4, 0, 0); ok {
		t.Error("a tile below the archive's maxzoom was found")
	}
	vector := open(t, thirdParty(t, "protomaps-test-fixture-1.pmtiles"))
	if vector.Kind() != basemap.KindVector || vector.Metadata()["description"] != "test_fixture_1.pmtiles" {
		t.Fatalf("fixture 1 read as %s, metadata %v", vector.Describe(), vector.Metadata()["description"])
	}
	data, ok, err := vector.Tile(0, 0, 0)
	if err != nil || !ok {
		t.Fatalf("tile 0/0/0: ok %v, err %v", ok, err)
	}
	if layers, err := mvt.UnmarshalGzipped(data); err != nil || len(layers) != 1 || len(layers[0].Features) != 1 {
		t.Errorf("tile 0/0/0 of fixture 1: %v, layers %v", err, layers)
	}
}

// What Maillage cannot serve is refused at open with a reason, and the same file whole is not
// (the control: the refusals come from the damage, not from the file).
func TestRefusesInvalidArchives(t *testing.T) {
	good, err := os.ReadFile(thirdParty(t, "stamen-toner-raster-z3.pmtiles"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	cases := map[string]string{
		thirdParty(t, "protomaps-invalid-v4.pmtiles"):                       "spec version 4",
		write("short.pmtiles", good[:100]):                                  "shorter than a PMTiles header",
		write("cut.pmtiles", good[:len(good)/2]):                            "beyond the end of the file",
		fixtures.Path(t, "boundaries", "plaine-commune-9-communes.geojson"): "magic number",
		write("v2.pmtiles", withByte(good, 7, 2)):                           "spec version 2",
		write("avif.pmtiles", withByte(good, 99, byte(pmtiles.Avif))):       "tile type 5",
		filepath.Join(dir, "missing.pmtiles"):                               "no such file",
	}
	for path, want := range cases {
		_, err := basemap.Open(path)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: got %v, want one line naming the file and %q", filepath.Base(path), err, want)
		}
	}
	if _, err := basemap.Open(write("whole.pmtiles", good)); err != nil {
		t.Fatalf("control: the whole archive is refused: %v", err)
	}
}

func withByte(data []byte, i int, v byte) []byte {
	out := slices.Clone(data)
	out[i] = v
	return out
}

// The territory's vector archive, generated from the real communes: every tile of the area at
// every zoom, the names of the nine communes as labels.
func TestSketchOfTheCommunes(t *testing.T) {
	path := sketchFile(t, "plaine-commune-9-communes.geojson", 13)
	a := open(t, path)
	b := a.Bounds()
	area := basemap.BBox{West: b[0], South: b[1], East: b[2], North: b[3]}
	if a.Kind() != basemap.KindVector || a.Header().MaxZoom != 13 || a.Attribution() != communesCredit {
		t.Fatalf("sketch read as %s, attribution %q", a.Describe(), a.Attribution())
	}
	want := 0
	for z := uint8(0); z <= 13; z++ {
		want += int(area.Range(z).Count())
	}
	if got := len(tileList(t, path)); got != want {
		t.Errorf("%d tiles, want every tile of the area: %d", got, want)
	}
	names := labelsAt(t, a, area, 12)
	for _, c := range communes(t, "plaine-commune-9-communes.geojson") {
		if !names[c.Name] {
			t.Errorf("no label %q at zoom 12 (labels: %v)", c.Name, names)
		}
	}
}

// labelsAt collects the names of the places layer over the area at zoom z.
func labelsAt(t *testing.T, a *basemap.Archive, area basemap.BBox, z uint8) map[string]bool {
	names := map[string]bool{}
	r := area.Range(z)
	for x := r.X0; x <= r.X1; x++ {
		for y := r.Y0; y <= r.Y1; y++ {
			data, ok, err := a.Tile(z, x, y)
			if err != nil || !ok {
				t.Fatalf("tile %d/%d/%d: ok %v, err %v", z, x, y, ok, err)
			}
			layers, err := mvt.UnmarshalGzipped(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, l := range layers {
				for _, f := range l.Features {
					if l.Name == "places" {
						names[f.Properties.MustString("name:fr")] = true
					}
				}
			}
		}
	}
	return names
}
