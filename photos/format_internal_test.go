package photos

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// The RGBA fast path must write exactly the JPEG the encoder's generic path writes for the
// same opaque NRGBA image, and leave translucent images to the generic path.
func TestAsRGBAWritesTheSameJPEG(t *testing.T) {
	img := image.NewNRGBA(image.Rect(3, 5, 67, 53)) // an offset rectangle, as SubImage gives
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(x * 4), G: uint8(y * 5), B: uint8(x * y), A: 255})
		}
	}
	var fast, generic bytes.Buffer
	if err := JPEG.encode(&fast, img, 82); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&generic, img, &jpeg.Options{Quality: 82}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fast.Bytes(), generic.Bytes()) {
		t.Error("the RGBA fast path wrote another JPEG than the generic path")
	}
	img.SetNRGBA(10, 10, color.NRGBA{A: 128})
	if _, ok := asRGBA(img).(*image.NRGBA); !ok {
		t.Error("a translucent image was reinterpreted as premultiplied RGBA")
	}
}
