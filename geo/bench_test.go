package geo

import (
	"testing"

	"github.com/maillage/maillage/internal/fixtures"
)

// Commune assignment's pure part, on the real Plaine Commune polygons:
//
//	go test -run '^$' -bench Locate ./geo/
func BenchmarkLocate(b *testing.B) {
	terr := plaineCommuneB(b)
	for _, c := range []struct {
		name string
		p    Point
	}{
		{"inside", Point{2.3596, 48.9356}},          // Saint-Denis, found by point-in-polygon
		{"outside-nearest", Point{2.3499, 48.8530}}, // Paris: distance to every border
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				if _, ok := terr.Locate(c.p); !ok {
					b.Fatal("no territory")
				}
			}
		})
	}
}

func plaineCommuneB(b *testing.B) *Territory {
	b.Helper()
	in, _, err := ParseCommunes(fixtures.Read(b, "boundaries", "plaine-commune-9-communes.geojson"), "", "")
	if err != nil {
		b.Fatal(err)
	}
	terr, skipped := NewTerritory(in)
	if len(skipped) > 0 {
		b.Fatal(skipped)
	}
	return terr
}
