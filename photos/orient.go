package photos

import (
	"bytes"
	"encoding/binary"
	"image"

	"github.com/disintegration/imaging"
)

// orientation returns the EXIF orientation (1-8) stored in data, 1 when there is none. It reads
// the Exif block of a JPEG (APP1), a PNG (eXIf chunk) or a WebP (EXIF chunk).
func orientation(data []byte, f Format) int {
	var tiff []byte
	switch f {
	case JPEG:
		tiff = jpegExif(data)
	case PNG:
		tiff = pngExif(data)
	case WebP:
		tiff = webpExif(data)
	}
	return tiffOrientation(bytes.TrimPrefix(tiff, exifHeader))
}

var exifHeader = []byte("Exif\x00\x00")

// jpegExif returns the TIFF block of the first Exif APP1 segment before the image data.
func jpegExif(data []byte) []byte {
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return nil
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0xDA || marker == 0xD9: // start of scan, end of image
			return nil
		case marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7): // no length
			i += 2
			continue
		}
		end := i + 2 + int(binary.BigEndian.Uint16(data[i+2:]))
		if end < i+4 || end > len(data) { // a length below 2 counts itself wrong

			return nil
		}
		if seg := data[i+4 : end]; marker == 0xE1 && bytes.HasPrefix(seg, exifHeader) {
			return seg
		}
		i = end
	}
	return nil
}

// pngExif returns the content of the eXIf chunk.
func pngExif(data []byte) []byte {
	for i := 8; i+8 <= len(data); {
		n := int(binary.BigEndian.Uint32(data[i:]))
		if n < 0 || n > len(data)-i-12 {
			return nil
		}
		if string(data[i+4:i+8]) == "eXIf" {
			return data[i+8 : i+8+n]
		}
		i += 12 + n
	}
	return nil
}

// webpExif returns the content of the EXIF chunk of a RIFF WebP file.
func webpExif(data []byte) []byte {
	for i := 12; i+8 <= len(data); {
		n := int(binary.LittleEndian.Uint32(data[i+4:]))
		if n < 0 || n > len(data)-i-8 {
			return nil
		}
		if string(data[i:i+4]) == "EXIF" {
			return data[i+8 : i+8+n]
		}
		i += 8 + n + n%2 // chunks are padded to an even size
	}
	return nil
}

// tiffOrientation reads tag 0x0112 (Orientation) of the first IFD of a TIFF block.
func tiffOrientation(tiff []byte) int {
	if len(tiff) < 8 {
		return 1
	}
	var order binary.ByteOrder = binary.BigEndian
	if string(tiff[:2]) == "II" {
		order = binary.LittleEndian
	}
	ifd := int(order.Uint32(tiff[4:]))
	if ifd < 8 || ifd > len(tiff)-2 {
		return 1
	}
	n := int(order.Uint16(tiff[ifd:]))
	for e := ifd + 2; e+12 <= len(tiff) && n > 0; e, n = e+12, n-1 {
		if order.Uint16(tiff[e:]) == 0x0112 && order.Uint16(tiff[e+2:]) == 3 {
			if o := int(order.Uint16(tiff[e+8:])); o >= 1 && o <= 8 {
				return o
			}
			return 1
		}
	}
	return 1
}

// orient turns img so that it displays upright, as EXIF orientation o says it should.
// imaging's rotations are counter-clockwise: orientation 6 ("rotate 90° clockwise") is Rotate270.
func orient(img image.Image, o int) image.Image {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}
