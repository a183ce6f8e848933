package basemap_test

// Helpers of the basemap tests: the territory's vector archive generated from the real
// communes, the third-party archives, and the list of tiles an archive holds.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/protomaps/go-pmtiles/pmtiles"

	"github.com/maillage/maillage/basemap"
	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/fixtures"
)

// communesCredit credits the boundaries of testdata/boundaries (see its SOURCES.md).
const communesCredit = "IGN Admin Express, INSEE COG 2018 (Licence Ouverte)"

// communes reads a communes file of testdata/boundaries.
func communes(t testing.TB, name string) []geo.CommuneInput {
	t.Helper()
	in, _, err := geo.ParseCommunes(fixtures.Read(t, "boundaries", name), "", "")
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// sketchFile writes the vector archive of a communes file down to maxZoom and returns its path.
func sketchFile(t testing.TB, name string, maxZoom uint8) string {
	t.Helper()
	var buf bytes.Buffer
	o := basemap.SketchOptions{MaxZoom: maxZoom, MarginMeters: basemap.DefaultMarginMeters, Attribution: communesCredit}
	if err := basemap.Sketch(&buf, communes(t, name), o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "territory.pmtiles")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// thirdParty returns the path of an archive of testdata/basemap.
func thirdParty(t testing.TB, name string) string {
	return fixtures.Path(t, "basemap", name)
}

// open opens an archive, failing the test when it cannot.
func open(t testing.TB, path string) *basemap.Archive {
	t.Helper()
	a, err := basemap.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// tileList lists the tiles of an archive as "z/x/y", sorted, read through go-pmtiles' own
// directory walk (not through the reader under test).
func tileList(t testing.TB, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	h, err := pmtiles.DeserializeHeader(data[:pmtiles.HeaderV3LenBytes])
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	fetch := func(offset, length uint64) ([]byte, error) { return data[offset : offset+length], nil }
	err = pmtiles.IterateEntries(h, fetch, func(e pmtiles.EntryV3) {
		for id := e.TileID; id < e.TileID+uint64(e.RunLength); id++ {
			z, x, y := pmtiles.IDToZxy(id)
			out = append(out, zxy(z, x, y))
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// expectedTiles lists, sorted, the tiles of list at zooms up to maxZoom that lie in b's tile
// ranges: what an extract of b must hold.
func expectedTiles(list []string, b basemap.BBox, maxZoom uint8) []string {
	in := map[string]bool{}
	for z := uint8(0); z <= maxZoom; z++ {
		r := b.Range(z)
		for x := r.X0; x <= r.X1; x++ {
			for y := r.Y0; y <= r.Y1; y++ {
				in[zxy(z, x, y)] = true
			}
		}
	}
	var out []string
	for _, k := range list {
		if in[k] {
			out = append(out, k)
		}
	}
	return out
}

func zxy(z uint8, x, y uint32) string { return fmt.Sprintf("%d/%d/%d", z, x, y) }
