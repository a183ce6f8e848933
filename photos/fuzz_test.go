package photos_test

import (
	"testing"

	"github.com/maillage/maillage/photos"
	pt "github.com/maillage/maillage/photos/phototest"
)

// FuzzProcessBytes checks that no input makes Process panic, and that whatever it accepts comes
// out clean of metadata. `go test` runs the seeds; `go test -fuzz=FuzzProcessBytes` explores.
func FuzzProcessBytes(f *testing.F) {
	jpeg := pt.WithJPEGSegments(pt.JPEG(pt.Corners(16, 8)), pt.ExifSegment(pt.Exif(6, true)))
	f.Add(jpeg)
	f.Add(jpeg[:len(jpeg)/2])
	f.Add(pt.WithPNGChunks(pt.PNG(pt.Corners(8, 8)), pt.Chunk("eXIf", pt.Exif(3, true))))
	f.Add(pt.WebP(8, 8, pt.Blue))
	f.Add(pt.PNGHeader(1<<20, 1<<20))
	lim := photos.DefaultLimits()
	lim.MaxPixels = 1 << 20 // keep each fuzz run fast
	f.Fuzz(func(t *testing.T, data []byte) {
		out, _, err := photos.ProcessBytes(data, lim)
		if err != nil {
			if photos.Code(err) == "" {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		if found := pt.MetadataIn(out); len(found) > 0 {
			t.Fatalf("output carries %v", found)
		}
	})
}
