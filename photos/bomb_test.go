package photos_test

import (
	"errors"
	"runtime"
	"testing"

	"github.com/maillage/maillage/photos"
	pt "github.com/maillage/maillage/photos/phototest"
)

// allocated returns the bytes allocated while f ran.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBombsAreRefusedWithBoundedMemory checks that refusing a decompression bomb costs a header
// read: under 1 MB allocated, where decoding would need gigabytes. The control shows that the
// measure sees decoding: a real 1000×1000 photo allocates well over the bound.
func TestBombsAreRefusedWithBoundedMemory(t *testing.T) {
	const bound = 1 << 20
	bombs := map[string][]byte{
		"png 100k×100k":   pt.PNGHeader(100_000, 100_000),
		"jpeg 65k×65k":    pt.WithJPEGSize(pt.JPEG(pt.Noise(64, 64)), 65535, 65535),
		"webp 16k×16k":    pt.WebP(16384, 16384, pt.Red),
		"png 8000×6000":   pt.PNGHeader(8000, 6000),
		"png 40M+1 pixel": pt.PNGHeader(40_000_001, 1),
	}
	for name, bomb := range bombs {
		var err error
		got := allocated(func() { _, _, err = photos.ProcessBytes(bomb, photos.DefaultLimits()) })
		if !errors.Is(err, photos.ErrTooManyPixels) {
			t.Errorf("%s (%d bytes): got %v, want ErrTooManyPixels", name, len(bomb), err)
		}
		if got > bound {
			t.Errorf("%s: allocated %d bytes, want under %d", name, got, bound)
		}
	}
	photo := pt.JPEG(pt.Noise(1000, 1000))
	control := allocated(func() { _, _, _ = photos.ProcessBytes(photo, photos.DefaultLimits()) })
	if control <= bound {
		t.Errorf("control: decoding a 1000×1000 photo allocated %d bytes, want over %d", control, bound)
	}
}
