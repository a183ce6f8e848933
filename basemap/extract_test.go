package basemap_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/maillage/maillage/basemap"
)

// An extract holds exactly the source's tiles over the bbox up to the max zoom: compared with
// the list computed from the source's own directory, zoom by zoom.
func TestExtractKeepsExactlyTheArea(t *testing.T) {
	source := sketchFile(t, "communes-93-seine-saint-denis.geojson", 13)
	saintDenis := basemap.BBox{West: 2.33, South: 48.91, East: 2.39, North: 48.95}
	out := filepath.Join(t.TempDir(), "saint-denis.pmtiles")
	err := basemap.Extract(context.Background(), basemap.ExtractOptions{From: source, Out: out, BBox: saintDenis, MaxZoom: 12})
	if err != nil {
		t.Fatal(err)
	}
	got, all := tileList(t, out), tileList(t, source)
	want := expectedTiles(all, saintDenis, 12)
	if !slices.Equal(got, want) {
		t.Fatalf("extract holds %d tiles %v,\nwant %d %v", len(got), got, len(want), want)
	}
	a := open(t, out)
	if a.Header().MaxZoom != 12 || a.Attribution() != communesCredit {
		t.Errorf("extract's header or metadata: %s, attribution %q", a.Describe(), a.Attribution())
	}
	// Controls: the comparison tells another zoom or another area apart.
	if slices.Equal(got, expectedTiles(all, saintDenis, 11)) || slices.Equal(got, expectedTiles(all,
		basemap.BBox{West: 2.43, South: 48.85, East: 2.49, North: 48.89}, 12)) {
		t.Fatal("control: the expected list does not depend on the zoom or the area")
	}
}

// A source Maillage could not serve is refused before anything is written, with its reason.
func TestExtractRefusesAnInvalidSource(t *testing.T) {
	area := basemap.BBox{West: 0, South: 0, East: 1, North: 1}
	out := filepath.Join(t.TempDir(), "out.pmtiles")
	cases := map[string]string{
		thirdParty(t, "protomaps-invalid-v4.pmtiles"):     "spec version 4",
		thirdParty(t, "protomaps-test-fixture-1.pmtiles"): "not clustered",
	}
	for from, want := range cases {
		err := basemap.Extract(context.Background(), basemap.ExtractOptions{From: from, Out: out, BBox: area, MaxZoom: 3})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v, want %q", filepath.Base(from), err, want)
		}
	}
	err := basemap.Extract(context.Background(), basemap.ExtractOptions{From: thirdParty(t, "stamen-toner-raster-z3.pmtiles"),
		Out: out, BBox: area, MaxZoom: 3})
	if err != nil {
		t.Fatalf("control: the raster archive is refused: %v", err)
	}
}

func TestParseBBox(t *testing.T) {
	b, err := basemap.ParseBBox("2.28, 48.89,2.43,48.98")
	if err != nil || b != (basemap.BBox{West: 2.28, South: 48.89, East: 2.43, North: 48.98}) || b.String() != "2.28,48.89,2.43,48.98" {
		t.Fatalf("got %v, %v", b, err)
	}
	for _, bad := range []string{"", "1,2,3", "2.43,48.89,2.28,48.98", "a,b,c,d", "-200,0,1,1", "NaN,0,1,1"} {
		if _, err := basemap.ParseBBox(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// A source on a web server is read with range requests: the same tiles as from the file, and
// fewer bytes fetched than the whole archive.
func TestExtractFromAURL(t *testing.T) {
	source := sketchFile(t, "communes-93-seine-saint-denis.geojson", 13)
	var fetched atomic.Int64
	files := http.FileServer(http.Dir(filepath.Dir(source)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Range") == "" {
			t.Errorf("a request without Range: %s", r.URL)
		}
		files.ServeHTTP(countingWriter{w, &fetched}, r)
	}))
	defer srv.Close()
	area := basemap.BBox{West: 2.33, South: 48.91, East: 2.39, North: 48.95}
	out := filepath.Join(t.TempDir(), "from-url.pmtiles")
	err := basemap.Extract(context.Background(), basemap.ExtractOptions{From: srv.URL + "/" + filepath.Base(source), Out: out, BBox: area, MaxZoom: 12})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tileList(t, out), expectedTiles(tileList(t, source), area, 12); !slices.Equal(got, want) {
		t.Fatalf("extract from the URL holds %v, want %v", got, want)
	}
	info, _ := os.Stat(source)
	if fetched.Load() == 0 || fetched.Load() >= info.Size() {
		t.Errorf("fetched %d bytes of a %d-byte archive: want a part of it", fetched.Load(), info.Size())
	}
}

// countingWriter adds up the bytes of the bodies written.
type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c countingWriter) Write(b []byte) (int, error) {
	c.n.Add(int64(len(b)))
	return c.ResponseWriter.Write(b)
}
