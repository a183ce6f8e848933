package photos

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"
)

// Format is an image format Process reads or writes.
type Format string

// Formats Process reads; it writes only JPEG and PNG.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	WebP Format = "webp"
)

// Ext returns the file extension of f, with its dot: ".jpg", ".png", ".webp".
func (f Format) Ext() string {
	if f == JPEG {
		return ".jpg"
	}
	return "." + string(f)
}

// MimeType returns the media type of f: "image/jpeg", "image/png", "image/webp".
func (f Format) MimeType() string {
	return "image/" + string(f)
}

// decoders reads the header and the pixels of each accepted format. Calling them directly,
// rather than image.Decode, keeps formats registered elsewhere in the program (GIF, BMP…) out.
var decoders = map[Format]struct {
	config func(io.Reader) (image.Config, error)
	decode func(io.Reader) (image.Image, error)
}{
	JPEG: {jpeg.DecodeConfig, jpeg.Decode},
	PNG:  {png.DecodeConfig, png.Decode},
	WebP: {webp.DecodeConfig, webp.Decode},
}

// detect tells the format of data from its first bytes, whatever the file is called.
func detect(data []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP, nil
	}
	return "", unsupported(data)
}

// checkHeader reads only the header of data and refuses images with too many pixels, so that
// a tiny file claiming enormous dimensions is never decoded.
func checkHeader(data []byte, f Format, lim Limits) error {
	cfg, err := decoders[f].config(bytes.NewReader(data))
	if err != nil {
		return corrupt(f, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return corrupt(f, fmt.Errorf("dimensions %d×%d", cfg.Width, cfg.Height))
	}
	if int64(cfg.Width)*int64(cfg.Height) > lim.MaxPixels {
		return tooManyPixels(cfg.Width, cfg.Height, lim.MaxPixels)
	}
	return nil
}

// decode decodes the pixels of data, whose header checkHeader accepted.
func decode(data []byte, f Format) (image.Image, error) {
	img, err := decoders[f].decode(bytes.NewReader(data))
	if err != nil {
		return nil, corrupt(f, err)
	}
	return img, nil
}

// encode writes img in format f; quality applies to JPEG.
func (f Format) encode(w io.Writer, img image.Image, quality int) error {
	if f == PNG {
		enc := png.Encoder{CompressionLevel: png.DefaultCompression}
		return enc.Encode(w, img)
	}
	return jpeg.Encode(w, asRGBA(img), &jpeg.Options{Quality: quality})
}

// asRGBA hands the JPEG encoder an opaque NRGBA image (what resizing and orienting produce)
// as the RGBA image with the same bytes (premultiplying by an alpha of 255 changes nothing):
// the encoder has a fast path for RGBA, and its generic path allocates for every pixel.
func asRGBA(img image.Image) image.Image {
	n, ok := img.(*image.NRGBA)
	if !ok || !n.Opaque() {
		return img
	}
	return &image.RGBA{Pix: n.Pix, Stride: n.Stride, Rect: n.Rect}
}
