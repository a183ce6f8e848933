package photos_test

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/maillage/maillage/photos"
	pt "github.com/maillage/maillage/photos/phototest"
)

// The photo pipeline's throughput (input megapixels per second), bytes allocated per photo
// (B/op) and peak live heap while processing one photo, on images made here:
//
//	go test -run '^$' -bench Process -benchtime 10x ./photos/
func BenchmarkProcess(b *testing.B) {
	phone := pt.WithJPEGSegments(pt.JPEG(pt.Noise(4000, 3000)), pt.ExifSegment(pt.Exif(6, true)))
	cases := []struct {
		name string
		data []byte
		w, h int
	}{
		{"jpeg-12MP-phone-rotated-gps", phone, 4000, 3000},
		{"jpeg-2MP", pt.JPEG(pt.Noise(1600, 1200)), 1600, 1200},
		{"jpeg-1MP-no-resize", pt.JPEG(pt.Noise(1200, 900)), 1200, 900},
		{"png-3MP", pt.PNG(pt.Noise(2000, 1500)), 2000, 1500},
		{"webp-4MP", pt.WebP(2400, 1600, pt.Red), 2400, 1600},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			peak := peakHeap(func() { mustProcess(b, c.data) })
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				mustProcess(b, c.data)
			}
			b.StopTimer()
			mp := float64(c.w*c.h) / 1e6
			b.ReportMetric(mp*float64(b.N)/b.Elapsed().Seconds(), "MP/s")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(len(c.data))/(1<<20), "input-MB")
		})
	}
}

func mustProcess(b *testing.B, data []byte) {
	if _, _, err := photos.ProcessBytes(data, photos.DefaultLimits()); err != nil {
		b.Fatal(err)
	}
}

// peakHeap runs f once and returns the most live heap seen above the level before it,
// sampled every 200 µs with runtime/metrics (which does not stop the world).
func peakHeap(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		for {
			if v := read(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-time.After(200 * time.Microsecond):
			}
		}
	}()
	f()
	close(done)
	if v := read(); v > peak.Load() {
		peak.Store(v)
	}
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}
