package hooks_test

import (
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/hooks"
	s "github.com/maillage/maillage/schema"
)

// The cost of commune assignment in a whole save (every hook, the SQLite write, the R*Tree
// and change-log triggers): each iteration saves an initiative inside Plaine Commune and one
// without a location (which skips assignment), in turn so that the machine's load hits both
// alike, and reports each one's median.
//
//	go test -run '^$' -bench Save -benchtime 500x ./hooks/
func BenchmarkSave(b *testing.B) {
	w := newGeoWorld(b, hooks.GeoConfig{})
	col, err := w.app.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		b.Fatal(err)
	}
	var with, without []time.Duration
	b.ResetTimer()
	for range b.N {
		for _, c := range []struct {
			at   lonLat
			took *[]time.Duration
		}{{basilique, &with}, {lonLat{}, &without}} {
			r := core.NewRecord(col)
			r.Load(fields(s.Initiatives, w.fac, c.at, nil))
			start := time.Now()
			if err := w.app.Save(r); err != nil {
				b.Fatal(err)
			}
			*c.took = append(*c.took, time.Since(start))
		}
	}
	b.StopTimer()
	b.ReportMetric(median(with), "with-location-µs")
	b.ReportMetric(median(without), "without-location-µs")
}

func median(d []time.Duration) float64 {
	d = slices.Clone(d)
	slices.Sort(d)
	return float64(d[len(d)/2].Nanoseconds()) / 1000
}
