package basemap

// How much of the archive an area holds: what "keep this area offline" will download.

import (
	"errors"
	"fmt"
)

// MaxSizeTiles bounds the tile positions one Size call looks at, so that a request for the
// whole world at zoom 16 is refused rather than answered after minutes.
const MaxSizeTiles = 200_000

// ErrTooLarge is SizeOf's error for an area of more than MaxSizeTiles tile positions.
var ErrTooLarge = errors.New("the area holds too many tiles: choose a smaller area or a lower zoom")

// Size is how many tiles of an area the archive holds and their bytes as stored (what the
// device downloads, compressed as served).
type Size struct {
	Tiles int   `json:"tiles"`
	Bytes int64 `json:"bytes"`
}

// SizeOf adds up the tiles the archive holds over b from zoom minZoom to maxZoom; zooms beyond
// the archive's count nothing.
func (a *Archive) SizeOf(b BBox, minZoom, maxZoom uint8) (Size, error) {
	var s Size
	if err := checkArea(b, minZoom, maxZoom); err != nil {
		return s, err
	}
	for z := minZoom; z <= maxZoom && z <= a.header.MaxZoom; z++ {
		if err := a.addRange(&s, b.Range(z)); err != nil {
			return s, err
		}
	}
	return s, nil
}

// addRange adds the tiles of one zoom that the archive holds.
func (a *Archive) addRange(s *Size, r TileRange) error {
	for x := r.X0; x <= r.X1; x++ {
		for y := r.Y0; y <= r.Y1; y++ {
			e, ok, err := a.entry(r.Z, x, y)
			if err != nil {
				return err
			}
			if ok {
				s.Tiles++
				s.Bytes += int64(e.Length)
			}
		}
	}
	return nil
}

// checkArea refuses zooms upside down or an area of more than MaxSizeTiles tile positions.
func checkArea(b BBox, minZoom, maxZoom uint8) error {
	if err := b.check(); err != nil {
		return err
	}
	if minZoom > maxZoom || maxZoom > 22 {
		return fmt.Errorf("zooms %d–%d: expected 0 ≤ minzoom ≤ maxzoom ≤ 22", minZoom, maxZoom)
	}
	var n uint64
	for z := minZoom; z <= maxZoom; z++ {
		if n += b.Range(z).Count(); n > MaxSizeTiles {
			return fmt.Errorf("%w (more than %d)", ErrTooLarge, MaxSizeTiles)
		}
	}
	return nil
}
