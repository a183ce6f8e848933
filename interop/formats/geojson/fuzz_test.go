package geojson

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// FuzzDecodeGeoJSON checks that no input makes the decoder panic, and that every item it
// accepts has a label, an external id and, when located, a WGS84 position.
func FuzzDecodeGeoJSON(f *testing.F) {
	files, _ := filepath.Glob(conformance + "/mapbox-geojsonhint/*/*.geojson")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatalf("fixture missing: %v", err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"properties":{"debut":"2025-01-01"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, c := range []string{s.Initiatives, s.Events} {
			got, err := Decode(bytes.NewReader(data), c)
			if err != nil {
				continue
			}
			for _, it := range got.Items {
				if it.Label == "" || it.ExternalID == "" {
					t.Fatalf("got item %+v without a label or an external id", it)
				}
				if it.Geo != nil && (it.Geo.Lat < -90 || it.Geo.Lat > 90 || it.Geo.Lon < -180 || it.Geo.Lon > 180) {
					t.Fatalf("got position %+v out of range", it.Geo)
				}
			}
		}
	})
}
