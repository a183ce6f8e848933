package phototest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"image/color"
)

// PNGHeader returns a valid little PNG file whose header claims w×h pixels: a decompression
// bomb if anything decoded it.
func PNGHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA, deflate, no filter, no interlace
	var idat bytes.Buffer
	zw := zlib.NewWriter(&idat)
	_, _ = zw.Write(make([]byte, 1024))
	_ = zw.Close()
	out := []byte("\x89PNG\r\n\x1a\n")
	out = append(out, Chunk("IHDR", ihdr)...)
	out = append(out, Chunk("IDAT", idat.Bytes())...)
	return append(out, Chunk("IEND", nil)...)
}

// WithJPEGSize rewrites the frame header (SOF0) of a JPEG to claim w×h pixels.
func WithJPEGSize(data []byte, w, h uint16) []byte {
	out := append([]byte{}, data...)
	i := bytes.Index(out, []byte{0xFF, 0xC0})
	if i < 0 {
		panic("phototest: no SOF0 in JPEG")
	}
	binary.BigEndian.PutUint16(out[i+5:], h)
	binary.BigEndian.PutUint16(out[i+7:], w)
	return out
}

// WebP returns a lossless WebP (VP8L) of w×h pixels (at most 16384 each) all of colour c. A
// one-colour image needs no bits per pixel, so even 16384×16384 is a few dozen bytes.
func WebP(w, h int, c color.NRGBA) []byte {
	var bw bitWriter
	bw.write(0x2f, 8)
	bw.write(uint64(w-1), 14)
	bw.write(uint64(h-1), 14)
	bw.write(b2u(c.A != 255), 1)
	bw.write(0, 3) // version
	bw.write(0, 1) // no transform
	bw.write(0, 1) // no colour cache
	bw.write(0, 1) // no meta prefix codes
	for _, symbol := range []uint8{c.G, c.R, c.B, c.A, 0} {
		bw.write(1, 1) // simple code
		bw.write(0, 1) // one symbol
		bw.write(1, 1) // written on 8 bits
		bw.write(uint64(symbol), 8)
	}
	payload := bw.bytes()
	if len(payload)%2 == 1 {
		payload = append(payload, 0)
	}
	out := []byte("RIFF")
	out = binary.LittleEndian.AppendUint32(out, uint32(12+len(payload)))
	out = append(out, "WEBPVP8L"...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(payload)))
	return append(out, payload...)
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// bitWriter writes bits least significant first, as VP8L reads them.
type bitWriter struct {
	buf []byte
	acc uint64
	n   uint
}

func (w *bitWriter) write(v uint64, bits uint) {
	w.acc |= v << w.n
	for w.n += bits; w.n >= 8; w.n -= 8 {
		w.buf = append(w.buf, byte(w.acc))
		w.acc >>= 8
	}
}

func (w *bitWriter) bytes() []byte {
	if w.n > 0 {
		return append(w.buf, byte(w.acc))
	}
	return w.buf
}

// MetadataIn lists the metadata found in an encoded JPEG or PNG: Secret or an Exif header
// anywhere in the bytes, any JPEG APPn or COM segment, any PNG chunk other than the pixel
// chunks (IHDR, PLTE, tRNS, IDAT, IEND). Empty means clean.
func MetadataIn(data []byte) []string {
	var found []string
	if bytes.Contains(data, []byte(Secret)) {
		found = append(found, "the secret GPS string")
	}
	if bytes.Contains(data, []byte("Exif\x00\x00")) {
		found = append(found, "an Exif header")
	}
	if bytes.HasPrefix(data, []byte{0xFF, 0xD8}) {
		return append(found, jpegMetadata(data)...)
	}
	return append(found, pngMetadata(data)...)
}

func jpegMetadata(data []byte) []string {
	var found []string
	for i := 2; i+4 <= len(data) && data[i] == 0xFF && data[i+1] != 0xDA; {
		if m := data[i+1]; m >= 0xE0 && m <= 0xEF || m == 0xFE {
			found = append(found, fmt.Sprintf("JPEG segment 0x%X", m))
		}
		i += 2 + int(binary.BigEndian.Uint16(data[i+2:]))
	}
	return found
}

func pngMetadata(data []byte) []string {
	var found []string
	pixels := map[string]bool{"IHDR": true, "PLTE": true, "tRNS": true, "IDAT": true, "IEND": true}
	for i := 8; i+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		if typ := string(data[i+4 : i+8]); !pixels[typ] {
			found = append(found, "PNG chunk "+typ)
		}
		i += 12 + n
	}
	return found
}
