package geo

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"math"
)

// BlurCellMeters is the side of the privacy grid: a blurred location is the centre of a cell
// of about this size.
const BlurCellMeters = 150.0

// BlurMinOffsetMeters is the least distance between a true point and its blurred location.
const BlurMinOffsetMeters = 50.0

// BlurMaxOffsetMeters bounds the distance between a true point and its blurred location: half a
// cell of jitter plus half a cell of snapping on each axis.
const BlurMaxOffsetMeters = BlurCellMeters * math.Sqrt2

// Blur returns the location others see instead of p for the record id: the centre of the grid
// cell holding p shifted by a jitter derived from secret and id. The same record always gets
// the same answer (nothing to average over repeated reads), the jitter keeps the cell's edges
// from revealing where in the cell p lies, and a centre closer than BlurMinOffsetMeters is
// replaced by the next cell's so a blurred point never sits on the true one.
func Blur(p Point, secret []byte, id string) Point {
	h := jitterHash(secret, id)
	jx, jy := unit(h[0:8])-0.5, unit(h[8:16])-0.5 // in cells, each in [-0.5, 0.5)
	row := math.Floor(p.Lat/cellLat() + jy)
	c := cellCentre(p, row, jx)
	if DistanceMeters(p, c) >= BlurMinOffsetMeters {
		return c
	}
	if h[16]&1 == 0 { // move one row away from p
		return cellCentre(p, row+awayFrom(c.Lat-p.Lat), jx)
	}
	dLon := cellLon(c.Lat)
	return Point{Lon: c.Lon + awayFrom(c.Lon-p.Lon)*dLon, Lat: c.Lat}
}

// cellCentre is the centre of the cell of row holding p's longitude shifted by jx cells.
func cellCentre(p Point, row, jx float64) Point {
	lat := (row + 0.5) * cellLat()
	dLon := cellLon(lat)
	col := math.Floor(p.Lon/dLon + jx)
	return Point{Lon: (col + 0.5) * dLon, Lat: lat}
}

// cellLat is the height of a cell in degrees of latitude.
func cellLat() float64 { return BlurCellMeters / metresPerDegree }

// cellLon is the width of a cell in degrees of longitude for the row centred on lat, so
// cells stay about square away from the equator.
func cellLon(lat float64) float64 {
	return BlurCellMeters / (metresPerDegree * math.Max(0.01, math.Cos(rad(lat))))
}

// IsCellCentre reports whether q is the centre of a cell of the blur grid.
func IsCellCentre(q Point) bool {
	row := q.Lat/cellLat() - 0.5
	col := q.Lon/cellLon(q.Lat) - 0.5
	return nearInt(row) && nearInt(col)
}

func nearInt(x float64) bool { return math.Abs(x-math.Round(x)) < 1e-6 }

func awayFrom(delta float64) float64 {
	if delta < 0 {
		return -1
	}
	return 1
}

func jitterHash(secret []byte, id string) []byte {
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(id))
	return mac.Sum(nil)
}

// unit maps 8 bytes to [0, 1).
func unit(b []byte) float64 {
	return float64(binary.BigEndian.Uint64(b)>>11) / (1 << 53)
}
