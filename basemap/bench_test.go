package basemap_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/maillage/maillage/basemap"
	"github.com/maillage/maillage/geo"
)

// BenchmarkTerritoryExtract cuts the territory (Plaine Commune's nine communes plus the default
// margin) out of a vector archive generated from them down to zoom 16, for each max zoom, and
// reports the extract's tiles and bytes (BENCHMARKS.md):
//
//	go test ./basemap -run '^$' -bench TerritoryExtract -benchtime 3x
func BenchmarkTerritoryExtract(b *testing.B) {
	source := sketchFile(b, "plaine-commune-9-communes.geojson", 16)
	t, _ := geo.NewTerritory(communes(b, "plaine-commune-9-communes.geojson"))
	area := basemap.FromBounds(t.Bounds().Expand(basemap.DefaultMarginMeters))
	for _, z := range []uint8{12, 13, 14, 15, 16} {
		b.Run(fmt.Sprintf("maxzoom=%d", z), func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "extract.pmtiles")
			for b.Loop() {
				o := basemap.ExtractOptions{From: source, Out: out, BBox: area, MaxZoom: z}
				if err := basemap.Extract(context.Background(), o); err != nil {
					b.Fatal(err)
				}
			}
			info, err := os.Stat(out)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(tileList(b, out))), "tiles")
			b.ReportMetric(float64(info.Size()), "bytes")
		})
	}
}

// BenchmarkSizeOf answers the size of the territory's tiles from zoom 8 to 16, as the PWA asks
// before keeping them offline.
func BenchmarkSizeOf(b *testing.B) {
	a := open(b, sketchFile(b, "plaine-commune-9-communes.geojson", 16))
	t, _ := geo.NewTerritory(communes(b, "plaine-commune-9-communes.geojson"))
	area := basemap.FromBounds(t.Bounds())
	var size basemap.Size
	for b.Loop() {
		var err error
		if size, err = a.SizeOf(area, 8, 16); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size.Tiles), "tiles")
	b.ReportMetric(float64(size.Bytes), "bytes")
}
