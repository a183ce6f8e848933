package basemap

// What the PWA and TileJSON clients are told about the archive: its kind, format, zooms,
// bounds and credit.

import (
	"fmt"

	"github.com/protomaps/go-pmtiles/pmtiles"
)

// Kinds of base map: vector tiles, drawn by the PWA, or raster images, shown as they are.
const (
	KindVector = "vector"
	KindRaster = "raster"
)

// format is how one tile type is served.
type format struct {
	ext, contentType, kind string
}

// tileFormats are the tile types Maillage serves.
var tileFormats = map[pmtiles.TileType]format{
	pmtiles.Mvt:  {"mvt", "application/vnd.mapbox-vector-tile", KindVector},
	pmtiles.Png:  {"png", "image/png", KindRaster},
	pmtiles.Jpeg: {"jpg", "image/jpeg", KindRaster},
	pmtiles.Webp: {"webp", "image/webp", KindRaster},
}

// Kind returns KindVector or KindRaster.
func (a *Archive) Kind() string { return tileFormats[a.header.TileType].kind }

// Ext returns the extension of the tiles' URLs: mvt, png, jpg or webp.
func (a *Archive) Ext() string { return tileFormats[a.header.TileType].ext }

// ContentType returns the media type of the tiles.
func (a *Archive) ContentType() string { return tileFormats[a.header.TileType].contentType }

// Bounds returns the archive's bounds [west, south, east, north] in degrees.
func (a *Archive) Bounds() [4]float64 {
	h := a.header
	return [4]float64{e7(h.MinLonE7), e7(h.MinLatE7), e7(h.MaxLonE7), e7(h.MaxLatE7)}
}

func e7(v int32) float64 { return float64(v) / 1e7 }

// Attribution returns the credit the archive's metadata asks for ("" when none).
func (a *Archive) Attribution() string {
	s, _ := a.metadata["attribution"].(string)
	return s
}

// Public is what GET /api/maillage/config says of the base map, under "basemap".
type Public struct {
	// Type is "vector" (drawn by the PWA) or "raster".
	Type string `json:"type"`
	// URL is the tiles' URL template, {z}/{x}/{y}, on this server.
	URL string `json:"url"`
	// TileJSON is the URL of the archive's TileJSON.
	TileJSON string `json:"tilejson"`
	// SizeURL answers how many tiles, and bytes, an area holds (GET ?bbox=W,S,E,N&minzoom&maxzoom).
	SizeURL string `json:"sizeUrl"`
	// MinZoom and MaxZoom are the archive's zooms; the PWA zooms further into MaxZoom's tiles.
	MinZoom int `json:"minZoom"`
	MaxZoom int `json:"maxZoom"`
	// Bounds are [west, south, east, north] in degrees.
	Bounds [4]float64 `json:"bounds"`
	// Attribution credits the map's data, as the archive's metadata says.
	Attribution string `json:"attribution"`
}

// Public returns what the PWA's settings say of this archive.
func (a *Archive) Public() Public {
	return Public{Type: a.Kind(), URL: PathTiles + "/{z}/{x}/{y}." + a.Ext(), TileJSON: PathTileJSON,
		SizeURL: PathSize, MinZoom: int(a.header.MinZoom), MaxZoom: int(a.header.MaxZoom),
		Bounds: a.Bounds(), Attribution: a.Attribution()}
}

// Describe is one line saying what the archive holds, for the server's log.
func (a *Archive) Describe() string {
	b := a.Bounds()
	return fmt.Sprintf("%s: %s tiles (%s), zooms %d–%d, bounds %.4f,%.4f,%.4f,%.4f, %d tiles",
		a.name, a.Kind(), a.Ext(), a.header.MinZoom, a.header.MaxZoom, b[0], b[1], b[2], b[3],
		a.header.AddressedTilesCount)
}
