// Package phototest builds the images that Maillage's photo tests need, in Go, so that no
// binary fixture is committed: JPEG, PNG and WebP images with chosen pixels, metadata blocks
// (Exif with GPS, XMP, ICC, comments, PNG text), forged headers for decompression bombs, and
// checks that find metadata left in a file.
//
//	img := phototest.Corners(80, 40)
//	data := phototest.WithJPEGSegments(phototest.JPEG(img), phototest.ExifSegment(phototest.Exif(6, true)))
package phototest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// Colours of the corner marks painted by Corners.
var (
	Red  = color.NRGBA{R: 255, A: 255}
	Blue = color.NRGBA{B: 255, A: 255}
	Grey = color.NRGBA{R: 128, G: 128, B: 128, A: 255}
)

// Corners returns a w×h grey image with a red square in its top-left corner and a blue square
// in its top-right corner, each a quarter of the short side: after any rotation or flip, where
// the two squares are tells which transformation was applied.
func Corners(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	side := min(w, h) / 4
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := Grey
			if y < side && x < side {
				c = Red
			} else if y < side && x >= w-side {
				c = Blue
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// Noise returns a w×h opaque image of smooth gradients and pseudo-random grain, close enough
// to a photo for encoders to do realistic work.
func Noise(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	seed := uint32(1)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			seed = seed*1664525 + 1013904223
			grain := uint8(seed >> 27)
			img.SetNRGBA(x, y, color.NRGBA{R: uint8(x*255/w) + grain, G: uint8(y*255/h) + grain, B: uint8((x+y)/8) + grain, A: 255})
		}
	}
	return img
}

// JPEG encodes img as a JPEG of quality 90.
func JPEG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		panic(err) // encoding to memory fails only on a programming error
	}
	return buf.Bytes()
}

// PNG encodes img as a PNG.
func PNG(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Segment returns a JPEG marker segment: 0xFF, marker, length, payload.
func Segment(marker byte, payload []byte) []byte {
	seg := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	return append(seg, payload...)
}

// ExifSegment wraps a TIFF block (see Exif) in an APP1 Exif segment.
func ExifSegment(tiff []byte) []byte {
	return Segment(0xE1, append([]byte("Exif\x00\x00"), tiff...))
}

// Metadata returns the APP1 XMP, APP2 ICC and COM segments that cameras and editors add, each
// carrying Secret.
func Metadata() [][]byte {
	return [][]byte{
		Segment(0xE1, []byte("http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta><exif:GPSLatitude>"+Secret+"</exif:GPSLatitude></x:xmpmeta>")),
		Segment(0xE2, []byte("ICC_PROFILE\x00\x01\x01"+Secret)),
		Segment(0xFE, []byte("comment "+Secret)),
	}
}

// WithJPEGSegments inserts segments right after the start-of-image marker of a JPEG.
func WithJPEGSegments(data []byte, segments ...[]byte) []byte {
	out := append([]byte{}, data[:2]...)
	for _, s := range segments {
		out = append(out, s...)
	}
	return append(out, data[2:]...)
}

// Chunk returns a PNG chunk with its length and CRC.
func Chunk(typ string, payload []byte) []byte {
	c := binary.BigEndian.AppendUint32(nil, uint32(len(payload)))
	c = append(c, typ...)
	c = append(c, payload...)
	return binary.BigEndian.AppendUint32(c, crc32.ChecksumIEEE(c[4:]))
}

// WithPNGChunks inserts chunks right after the IHDR chunk of a PNG.
func WithPNGChunks(data []byte, chunks ...[]byte) []byte {
	const afterIHDR = 8 + 25
	out := append([]byte{}, data[:afterIHDR]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, data[afterIHDR:]...)
}
