package photos_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/maillage/maillage/photos"
	pt "github.com/maillage/maillage/photos/phototest"
)

func process(t *testing.T, data []byte) (image.Image, photos.Format) {
	t.Helper()
	out, format, err := photos.ProcessBytes(data, photos.DefaultLimits())
	if err != nil {
		t.Fatalf("process: %v", err)
	}
	img, name, err := image.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("decode output: %v", err)
	}
	if name != string(format) {
		t.Fatalf("output is %s, Process said %s", name, format)
	}
	return img, format
}

func TestProcessFormats(t *testing.T) {
	seeThrough := image.NewNRGBA(image.Rect(0, 0, 30, 20))
	seeThrough.SetNRGBA(3, 3, color.NRGBA{R: 200, A: 120})
	cases := []struct {
		name string
		in   []byte
		want photos.Format
	}{
		{"jpeg", pt.JPEG(pt.Corners(30, 20)), photos.JPEG},
		{"opaque png becomes jpeg", pt.PNG(pt.Corners(30, 20)), photos.JPEG},
		{"transparent png stays png", pt.PNG(seeThrough), photos.PNG},
		{"opaque webp becomes jpeg", pt.WebP(30, 20, pt.Red), photos.JPEG},
		{"transparent webp becomes png", pt.WebP(30, 20, color.NRGBA{G: 90, A: 100}), photos.PNG},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			img, format := process(t, c.in)
			if format != c.want {
				t.Errorf("format: got %s, want %s", format, c.want)
			}
			if got := img.Bounds().Size(); got != image.Pt(30, 20) {
				t.Errorf("size: got %v, want 30x20", got)
			}
		})
	}
}

func TestProcessBoundsTheLongSide(t *testing.T) {
	cases := []struct{ w, h, wantW, wantH int }{
		{3000, 1000, 2048, 682},
		{1000, 3000, 682, 2048},
		{2048, 100, 2048, 100},
		{800, 600, 800, 600},
	}
	for _, c := range cases {
		img, _ := process(t, pt.PNG(pt.Corners(c.w, c.h)))
		if got, want := img.Bounds().Size(), image.Pt(c.wantW, c.wantH); got != want {
			t.Errorf("%dx%d: got %v, want %v", c.w, c.h, got, want)
		}
	}
}

func TestProcessStripsAllMetadata(t *testing.T) {
	jpegIn := pt.WithJPEGSegments(pt.JPEG(pt.Corners(64, 48)),
		append([][]byte{pt.ExifSegment(pt.Exif(1, true))}, pt.Metadata()...)...)
	pngIn := pt.WithPNGChunks(pt.PNG(pt.Corners(64, 48)),
		pt.Chunk("eXIf", pt.Exif(1, true)),
		pt.Chunk("tEXt", []byte("Comment\x00"+pt.Secret)),
		pt.Chunk("iTXt", []byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"+pt.Secret)))
	for name, in := range map[string][]byte{"jpeg": jpegIn, "png": pngIn} {
		t.Run(name, func(t *testing.T) {
			if len(pt.MetadataIn(in)) < 2 {
				t.Fatalf("control: the input should carry metadata, found %v", pt.MetadataIn(in))
			}
			out, _, err := photos.ProcessBytes(in, photos.DefaultLimits())
			if err != nil {
				t.Fatalf("process: %v", err)
			}
			if found := pt.MetadataIn(out); len(found) > 0 {
				t.Errorf("output still carries %v", found)
			}
		})
	}
}

// TestProcessOrients checks every EXIF orientation by where the red and blue corner marks of
// the stored 80×40 image end up once displayed upright.
func TestProcessOrients(t *testing.T) {
	cases := []struct {
		orientation int
		red, blue   string
		size        image.Point
	}{
		{0, "TL", "TR", image.Pt(80, 40)}, {1, "TL", "TR", image.Pt(80, 40)},
		{2, "TR", "TL", image.Pt(80, 40)}, {3, "BR", "BL", image.Pt(80, 40)},
		{4, "BL", "BR", image.Pt(80, 40)}, {5, "TL", "BL", image.Pt(40, 80)},
		{6, "TR", "BR", image.Pt(40, 80)}, {7, "BR", "TR", image.Pt(40, 80)},
		{8, "BL", "TL", image.Pt(40, 80)},
	}
	for _, c := range cases {
		in := pt.WithJPEGSegments(pt.JPEG(pt.Corners(80, 40)), pt.ExifSegment(pt.Exif(c.orientation, false)))
		img, _ := process(t, in)
		if got := img.Bounds().Size(); got != c.size {
			t.Fatalf("orientation %d: size %v, want %v", c.orientation, got, c.size)
		}
		if got := cornerOf(img, isRed); got != c.red {
			t.Errorf("orientation %d: red corner at %s, want %s", c.orientation, got, c.red)
		}
		if got := cornerOf(img, isBlue); got != c.blue {
			t.Errorf("orientation %d: blue corner at %s, want %s", c.orientation, got, c.blue)
		}
	}
}

func TestProcessOrientsPNGFromExifChunk(t *testing.T) {
	in := pt.WithPNGChunks(pt.PNG(pt.Corners(80, 40)), pt.Chunk("eXIf", pt.Exif(6, true)))
	img, _ := process(t, in)
	if got := cornerOf(img, isRed); got != "TR" {
		t.Errorf("red corner at %s, want TR", got)
	}
}

// cornerOf names the corner (TL, TR, BL, BR) whose centre pixel matches, or "none".
func cornerOf(img image.Image, match func(color.Color) bool) string {
	b := img.Bounds()
	q := min(b.Dx(), b.Dy()) / 8 // middle of a corner mark a quarter of the short side wide
	corners := []struct {
		name string
		at   image.Point
	}{{"TL", image.Pt(q, q)}, {"TR", image.Pt(b.Dx()-1-q, q)}, {"BL", image.Pt(q, b.Dy()-1-q)}, {"BR", image.Pt(b.Dx()-1-q, b.Dy()-1-q)}}
	for _, c := range corners {
		if match(img.At(c.at.X, c.at.Y)) {
			return c.name
		}
	}
	return "none"
}

func isRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r > 0xc000 && g < 0x4000 && b < 0x4000
}

func isBlue(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return b > 0xc000 && r < 0x4000 && g < 0x4000
}

// TestProcessRefuses feeds files that must not be stored and checks the error kind and that
// the message says what works.
func TestProcessRefuses(t *testing.T) {
	photo := pt.JPEG(pt.Noise(200, 150))
	lim := photos.DefaultLimits()
	cases := []struct {
		name string
		in   []byte
		lim  photos.Limits
		want error
		says string
	}{
		{"text named .jpg", []byte("Bonjour, ceci n'est pas une photo.\n"), lim, photos.ErrUnsupportedFormat, "JPEG, PNG or WebP"},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), lim, photos.ErrUnsupportedFormat, "image/gif"},
		{"pdf", []byte("%PDF-1.7\n1 0 obj\n"), lim, photos.ErrUnsupportedFormat, "application/pdf"},
		{"empty", nil, lim, photos.ErrUnsupportedFormat, "JPEG, PNG or WebP"},
		{"truncated jpeg", photo[:len(photo)/2], lim, photos.ErrCorrupt, "damaged or incomplete"},
		{"jpeg header only", photo[:200], lim, photos.ErrCorrupt, "damaged or incomplete"},
		{"truncated png", pt.PNG(pt.Noise(50, 50))[:300], lim, photos.ErrCorrupt, "damaged or incomplete"},
		{"png claiming 0 pixels", pt.PNGHeader(0, 10), lim, photos.ErrCorrupt, "damaged"},
		{"png bomb 100k×100k", pt.PNGHeader(100_000, 100_000), lim, photos.ErrTooManyPixels, "40 megapixel"},
		{"jpeg bomb 65535×65535", pt.WithJPEGSize(photo, 65535, 65535), lim, photos.ErrTooManyPixels, "65535×65535"},
		{"webp bomb 16384×16384", pt.WebP(16384, 16384, pt.Red), lim, photos.ErrTooManyPixels, "16384×16384"},
		{"over the byte limit", photo, photos.Limits{MaxBytes: 1000, MaxPixels: 1 << 30, MaxSide: 2048}, photos.ErrTooLarge, "smaller photo"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := photos.ProcessBytes(c.in, c.lim)
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v (%d bytes out), want %v", err, len(out), c.want)
			}
			if !strings.Contains(err.Error(), c.says) {
				t.Errorf("message %q does not say %q", err, c.says)
			}
			if photos.Code(err) == "" {
				t.Errorf("no code for %v", err)
			}
		})
	}
}

func TestProcessReaderStopsAtTheLimit(t *testing.T) {
	huge := bytes.NewReader(make([]byte, 64<<20))
	_, _, err := photos.Process(huge, photos.DefaultLimits())
	if !errors.Is(err, photos.ErrTooLarge) {
		t.Fatalf("got %v, want ErrTooLarge", err)
	}
	if read := int64(64<<20) - int64(huge.Len()); read > photos.DefaultLimits().MaxBytes+1 {
		t.Errorf("read %d bytes, want at most MaxBytes+1", read)
	}
}

func TestFormatNames(t *testing.T) {
	for f, want := range map[photos.Format]string{photos.JPEG: ".jpg image/jpeg", photos.PNG: ".png image/png", photos.WebP: ".webp image/webp"} {
		if got := f.Ext() + " " + f.MimeType(); got != want {
			t.Errorf("%s: got %q, want %q", f, got, want)
		}
	}
}

// keep the decoders of the output formats registered for image.Decode in process.
var _, _ = jpeg.Decode, png.Decode
