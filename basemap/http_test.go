package basemap_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/basemap"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
)

// served is a scenario factory: an app serving the archive at path.
func served(path string) func(t testing.TB) *tests.TestApp {
	return func(t testing.TB) *tests.TestApp {
		app, err := tests.NewTestApp()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := basemap.Register(app, path); err != nil {
			t.Fatal(err)
		}
		return app
	}
}

// check returns an AfterTestFunc checking response headers.
func check(headers map[string]string, body func(t testing.TB, b []byte)) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, _ *tests.TestApp, res *http.Response) {
		for k, v := range headers {
			if got := res.Header.Get(k); got != v {
				t.Errorf("%s: %q, want %q", k, got, v)
			}
		}
		if body != nil {
			b, _ := io.ReadAll(res.Body)
			body(t, b)
		}
	}
}

func TestServeVectorTiles(t *testing.T) {
	path := sketchFile(t, "plaine-commune-9-communes.geojson", 12)
	a := open(t, path)
	z, x, y := uint8(12), uint32(2074), uint32(1407) // Saint-Denis
	stored, ok, err := a.Tile(z, x, y)
	if err != nil || !ok {
		t.Fatalf("tile: %v %v", ok, err)
	}
	url := basemap.PathTiles + "/12/2074/1407.mvt"
	gz := map[string]string{"Accept-Encoding": "gzip"}
	etag := ""
	scenarios := []tests.ApiScenario{
		{Name: "gzip as stored", URL: url, Headers: gz, ExpectedStatus: 200, ExpectedContent: []string{string(stored[:4])},
			AfterTestFunc: check(map[string]string{"Content-Type": "application/vnd.mapbox-vector-tile", "Content-Encoding": "gzip",
				"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}, func(t testing.TB, b []byte) {
				if !bytes.Equal(b, stored) {
					t.Errorf("body is not the stored tile")
				}
			})},
		{Name: "decompressed for a client without gzip", URL: url, ExpectedStatus: 200, NotExpectedContent: []string{"\x1f\x8b"},
			AfterTestFunc: check(map[string]string{"Content-Encoding": ""}, func(t testing.TB, b []byte) {
				if want := gunzip(t, stored); !bytes.Equal(b, want) {
					t.Errorf("body is not the decompressed tile")
				}
			})},
		{Name: "absent tile", URL: basemap.PathTiles + "/12/0/0.mvt", ExpectedStatus: 404, ExpectedContent: nil},
		{Name: "beyond the zoom", URL: basemap.PathTiles + "/13/4148/2814.mvt", ExpectedStatus: 404},
		{Name: "outside the grid", URL: basemap.PathTiles + "/1/5/0.mvt", ExpectedStatus: 404},
		{Name: "another format", URL: basemap.PathTiles + "/12/2074/1407.png", ExpectedStatus: 404},
	}
	for _, sc := range scenarios {
		sc.Method, sc.TestAppFactory = http.MethodGet, served(path)
		if sc.ExpectedContent == nil && sc.ExpectedStatus == 404 {
			sc.AfterTestFunc = check(nil, func(t testing.TB, b []byte) {
				if len(b) != 0 {
					t.Errorf("a 404 with a body: %q", b)
				}
			})
		}
		sc.Test(t)
	}
	(&tests.ApiScenario{Name: "etag", Method: http.MethodGet, URL: url, Headers: gz, ExpectedStatus: 200, TestAppFactory: served(path),
		ExpectedContent: []string{string(stored[:4])},
		AfterTestFunc:   func(t testing.TB, _ *tests.TestApp, res *http.Response) { etag = res.Header.Get("ETag") }}).Test(t)
	if etag == "" {
		t.Fatal("no ETag")
	}
	(&tests.ApiScenario{Name: "not modified", Method: http.MethodGet, URL: url, ExpectedStatus: 304, TestAppFactory: served(path),
		Headers: map[string]string{"If-None-Match": etag, "Accept-Encoding": "gzip"}}).Test(t)
}

func gunzip(t testing.TB, b []byte) []byte {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestServeRasterTiles(t *testing.T) {
	path := thirdParty(t, "stamen-toner-raster-z3.pmtiles")
	(&tests.ApiScenario{Name: "png", Method: http.MethodGet, URL: basemap.PathTiles + "/3/4/2.png", ExpectedStatus: 200,
		Headers: map[string]string{"Accept-Encoding": "gzip"}, TestAppFactory: served(path), ExpectedContent: []string{"PNG"},
		AfterTestFunc: check(map[string]string{"Content-Type": "image/png", "Content-Encoding": ""}, nil)}).Test(t)
	(&tests.ApiScenario{Name: "tilejson", Method: http.MethodGet, URL: basemap.PathTileJSON, ExpectedStatus: 200, TestAppFactory: served(path),
		ExpectedContent: []string{`"tilejson":"3.0.0"`, `/api/maillage/basemap/{z}/{x}/{y}.png"`, `"maxzoom":3`}}).Test(t)
}

// The size of an area is the sum of its tiles as stored, counted here from the tiles read.
func TestSizeOfAnArea(t *testing.T) {
	path := sketchFile(t, "plaine-commune-9-communes.geojson", 13)
	a := open(t, path)
	area := basemap.BBox{West: 2.33, South: 48.91, East: 2.39, North: 48.95}
	want := basemap.Size{}
	for z := uint8(9); z <= 13; z++ {
		r := area.Range(z)
		for x := r.X0; x <= r.X1; x++ {
			for y := r.Y0; y <= r.Y1; y++ {
				if data, ok, _ := a.Tile(z, x, y); ok {
					want.Tiles++
					want.Bytes += int64(len(data))
				}
			}
		}
	}
	body, _ := json.Marshal(want)
	(&tests.ApiScenario{Name: "size", Method: http.MethodGet, URL: basemap.PathSize + "?bbox=" + area.String() + "&minzoom=9&maxzoom=16",
		ExpectedStatus: 200, TestAppFactory: served(path), ExpectedContent: []string{string(body)}}).Test(t)
	for _, q := range []string{"bbox=1,2,3", "bbox=" + area.String() + "&minzoom=12&maxzoom=10", "bbox=-180,-85,180,85&maxzoom=14"} {
		(&tests.ApiScenario{Name: "refused " + q, Method: http.MethodGet, URL: basemap.PathSize + "?" + q,
			ExpectedStatus: 400, TestAppFactory: served(path), ExpectedContent: []string{`"code":"basemap_`}}).Test(t)
	}
}

// /api/maillage/config advertises the served archive, and says null without one (control).
func TestConfigAdvertisesTheBasemap(t *testing.T) {
	path := sketchFile(t, "plaine-commune-9-communes.geojson", 12)
	for _, sc := range []struct {
		cfg  server.Config
		want []string
	}{
		{server.Config{Basemap: path, TileURL: "http://127.0.0.1:9/{z}/{x}/{y}.png"}, []string{`"basemap":{"type":"vector","url":"/api/maillage/basemap/{z}/{x}/{y}.mvt"`,
			`"maxZoom":12`, `"attribution":"` + communesCredit, `"sizeUrl":"/api/maillage/basemap/size"`, `"tileUrl":"http://127.0.0.1:9/{z}/{x}/{y}.png"`}},
		{server.Config{}, []string{`"basemap":null`}},
	} {
		cfg := sc.cfg
		(&tests.ApiScenario{Name: "config", Method: http.MethodGet, URL: server.PathConfig, ExpectedStatus: 200, ExpectedContent: sc.want,
			TestAppFactory: func(t testing.TB) *tests.TestApp { return testapp.New(t, cfg) }}).Test(t)
	}
}
