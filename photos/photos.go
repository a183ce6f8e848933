// Package photos makes uploaded images safe to store and serve: it checks their size and
// dimensions before decoding any pixel (so a decompression bomb costs a header read), accepts
// JPEG, PNG and WebP detected by content, applies the EXIF orientation, bounds the long side and
// re-encodes from pixels, which drops every piece of metadata (EXIF with GPS, XMP, ICC, text).
// It is pure: no PocketBase, no I/O beyond the reader it is given.
//
//	clean, format, err := photos.Process(r, photos.DefaultLimits())
//	if errors.Is(err, photos.ErrUnsupportedFormat) { … }
//	name := "photo" + format.Ext()
package photos

import (
	"bytes"
	"fmt"
	"image"
	"io"

	"github.com/disintegration/imaging"
)

// Limits bounds what Process accepts and produces.
type Limits struct {
	// MaxBytes is the largest input accepted, in bytes.
	MaxBytes int64
	// MaxPixels is the largest width×height accepted, read from the header before decoding.
	MaxPixels int64
	// MaxSide is the longest side of the output, in pixels; larger images are scaled down.
	MaxSide int
	// JPEGQuality is the quality of JPEG output (1-100).
	JPEGQuality int
	// Filter is the resampling filter used to scale down; the zero value means Lanczos.
	Filter imaging.ResampleFilter
}

// DefaultLimits are Maillage's limits: 15 MB, 40 megapixels, 2048 px, JPEG quality 82.
func DefaultLimits() Limits {
	return Limits{
		MaxBytes:    15 << 20,
		MaxPixels:   40_000_000,
		MaxSide:     2048,
		JPEGQuality: 82,
		Filter:      imaging.Lanczos,
	}
}

// Process reads one image from r and returns it cleaned and re-encoded, with its format. Errors
// wrap ErrTooLarge, ErrTooManyPixels, ErrUnsupportedFormat or ErrCorrupt, and their text says
// what was wrong and what to do.
func Process(r io.Reader, lim Limits) ([]byte, Format, error) {
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, "", fmt.Errorf("read photo: %w", err)
	}
	return ProcessBytes(data, lim)
}

// ProcessBytes is Process over an image already in memory.
func ProcessBytes(data []byte, lim Limits) ([]byte, Format, error) {
	if int64(len(data)) > lim.MaxBytes {
		return nil, "", tooLarge(lim.MaxBytes)
	}
	src, err := detect(data)
	if err != nil {
		return nil, "", err
	}
	if err := checkHeader(data, src, lim); err != nil {
		return nil, "", err
	}
	img, err := decode(data, src)
	if err != nil {
		return nil, "", err
	}
	img = orient(shrink(img, lim), orientation(data, src))
	return encode(img, src, lim)
}

// shrink scales img down so that its long side is at most lim.MaxSide, keeping its aspect.
// Scaling before orienting is cheaper and gives the same result: the long side is the same.
func shrink(img image.Image, lim Limits) image.Image {
	b := img.Bounds()
	if b.Dx() <= lim.MaxSide && b.Dy() <= lim.MaxSide {
		return img
	}
	filter := lim.Filter
	if filter.Support == 0 && filter.Kernel == nil {
		filter = imaging.Lanczos
	}
	return imaging.Fit(img, lim.MaxSide, lim.MaxSide, filter)
}

// encode writes img as JPEG, or as PNG when a PNG or WebP source has transparency to keep.
func encode(img image.Image, src Format, lim Limits) ([]byte, Format, error) {
	out := JPEG
	if src != JPEG && !opaque(img) {
		out = PNG
	}
	var buf bytes.Buffer
	if err := out.encode(&buf, img, lim.JPEGQuality); err != nil {
		return nil, "", fmt.Errorf("encode %s: %w", out, err)
	}
	return buf.Bytes(), out, nil
}

// opaque reports whether img has no transparent pixel. Image types without an Opaque method
// are checked pixel by pixel.
func opaque(img image.Image) bool {
	if o, ok := img.(interface{ Opaque() bool }); ok {
		return o.Opaque()
	}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if _, _, _, a := img.At(x, y).RGBA(); a != 0xffff {
				return false
			}
		}
	}
	return true
}
