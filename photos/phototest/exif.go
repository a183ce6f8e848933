package phototest

import (
	"encoding/binary"
)

// Secret is written into every metadata block these helpers make (GPS map datum, XMP, ICC,
// comments, PNG text), so that finding it in a file proves metadata survived.
const Secret = "MAILLAGE-GPS-48.9355N-2.3599E"

// GPS position written by Exif: the Basilica of Saint-Denis, 48°56'7.8"N 2°21'35.6"E.
var (
	gpsLat = [6]uint32{48, 1, 56, 1, 78, 10}
	gpsLon = [6]uint32{2, 1, 21, 1, 356, 10}
)

// tag is one IFD entry; data longer than 4 bytes goes to the data area.
type tag struct {
	id, typ uint16
	count   uint32
	data    []byte
}

// Exif returns a little-endian TIFF block as phones write it: IFD0 with the orientation
// (omitted when 0) and, when gps is true, a GPS IFD with latitude, longitude and a map datum
// carrying Secret.
func Exif(orientation int, gps bool) []byte {
	le := binary.LittleEndian
	var ifd0 []tag
	if orientation > 0 {
		ifd0 = append(ifd0, tag{0x0112, 3, 1, le.AppendUint16(nil, uint16(orientation))})
	}
	if !gps {
		return tiff(ifd0, nil)
	}
	gpsIFD := []tag{
		{0x0001, 2, 2, []byte("N\x00")},
		{0x0002, 5, 3, rationals(gpsLat)},
		{0x0003, 2, 2, []byte("E\x00")},
		{0x0004, 5, 3, rationals(gpsLon)},
		{0x0012, 2, uint32(len(Secret) + 1), []byte(Secret + "\x00")},
	}
	return tiff(append(ifd0, tag{0x8825, 4, 1, nil}), gpsIFD)
}

func rationals(v [6]uint32) []byte {
	var b []byte
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	return b
}

// tiff lays out IFD0, then the GPS IFD (pointed to by IFD0's tag 0x8825), then their data.
func tiff(ifd0, gps []tag) []byte {
	le := binary.LittleEndian
	ifdSize := func(t []tag) int { return 2 + 12*len(t) + 4 }
	gpsAt := 8 + ifdSize(ifd0)
	dataAt := gpsAt
	if gps != nil {
		dataAt += ifdSize(gps)
	}
	out := append([]byte("II"), 42, 0, 8, 0, 0, 0)
	var data []byte
	for _, ifd := range [][]tag{ifd0, gps} {
		if ifd == nil {
			continue
		}
		out = le.AppendUint16(out, uint16(len(ifd)))
		for _, t := range ifd {
			out = le.AppendUint16(out, t.id)
			out = le.AppendUint16(out, t.typ)
			out = le.AppendUint32(out, t.count)
			switch {
			case t.id == 0x8825:
				out = le.AppendUint32(out, uint32(gpsAt))
			case len(t.data) <= 4:
				out = append(out, append(t.data, make([]byte, 4-len(t.data))...)...)
			default:
				out = le.AppendUint32(out, uint32(dataAt+len(data)))
				data = append(data, t.data...)
			}
		}
		out = le.AppendUint32(out, 0)
	}
	return append(out, data...)
}
