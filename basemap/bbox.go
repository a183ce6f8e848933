package basemap

// Boxes in degrees and the tiles that cover them (Web Mercator, XYZ scheme).

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/maillage/maillage/geo"
)

// maxLat is the latitude where Web Mercator ends.
const maxLat = 85.0511287798

// BBox is a box in degrees: west, south, east, north.
type BBox struct {
	West, South, East, North float64
}

// ParseBBox reads "W,S,E,N" in degrees.
func ParseBBox(s string) (BBox, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return BBox{}, fmt.Errorf("bbox %q: expected W,S,E,N in degrees, e.g. 2.28,48.89,2.43,48.98", s)
	}
	var v [4]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return BBox{}, fmt.Errorf("bbox %q: %q is not a number of degrees", s, p)
		}
		v[i] = f
	}
	b := BBox{v[0], v[1], v[2], v[3]}
	return b, b.check()
}

// check refuses a box out of range or upside down.
func (b BBox) check() error {
	if b.West < -180 || b.East > 180 || b.South < -90 || b.North > 90 {
		return fmt.Errorf("bbox %s: out of range (longitudes −180…180, latitudes −90…90)", b)
	}
	if b.West >= b.East || b.South >= b.North {
		return fmt.Errorf("bbox %s: west must be less than east and south less than north", b)
	}
	return nil
}

// String writes the box as W,S,E,N, the form ParseBBox and go-pmtiles read.
func (b BBox) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	return f(b.West) + "," + f(b.South) + "," + f(b.East) + "," + f(b.North)
}

// FromBounds converts a geo.Bounds.
func FromBounds(g geo.Bounds) BBox {
	return BBox{g.MinLon, g.MinLat, g.MaxLon, g.MaxLat}
}

// TileRange is the tiles x0…x1 × y0…y1 (inclusive) of one zoom.
type TileRange struct {
	Z              uint8
	X0, Y0, X1, Y1 uint32
}

// Count is how many tiles the range holds.
func (r TileRange) Count() uint64 {
	return uint64(r.X1-r.X0+1) * uint64(r.Y1-r.Y0+1)
}

// Range returns the tiles covering b at zoom z.
func (b BBox) Range(z uint8) TileRange {
	n := math.Exp2(float64(z))
	clamp := func(v float64) uint32 { return uint32(math.Max(0, math.Min(n-1, math.Floor(v)))) }
	x := func(lon float64) uint32 { return clamp((lon + 180) / 360 * n) }
	y := func(lat float64) uint32 {
		r := math.Max(-maxLat, math.Min(maxLat, lat)) * math.Pi / 180
		return clamp((1 - math.Log(math.Tan(r)+1/math.Cos(r))/math.Pi) / 2 * n)
	}
	return TileRange{Z: z, X0: x(b.West), X1: x(b.East), Y0: y(b.North), Y1: y(b.South)}
}
