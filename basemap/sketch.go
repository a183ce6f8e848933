package basemap

// Sketch: a small vector base map drawn from the territory's own communes (land, commune
// boundaries, commune names in French), in the layers of the Protomaps basemap schema. It
// draws something where no street-level extract is at hand, and it is the archive the tests
// and benchmarks generate.

import (
	"fmt"
	"io"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/maptile"
	"github.com/protomaps/go-pmtiles/pmtiles"

	"github.com/maillage/maillage/geo"
)

// SketchOptions says how deep and how wide a sketch goes.
type SketchOptions struct {
	// MaxZoom is the deepest zoom drawn (tiles from 0 to MaxZoom over the area).
	MaxZoom uint8
	// MarginMeters grows the communes' box: the area tiled.
	MarginMeters float64
	// Attribution credits the communes' boundaries.
	Attribution string
}

// commune is one commune ready to draw: its outline and the point of its label.
type commune struct {
	name    string
	outline orb.MultiLineString
	label   orb.Point
}

// Sketch writes the vector archive of the communes to w.
func Sketch(w io.Writer, in []geo.CommuneInput, o SketchOptions) error {
	t, skipped := geo.NewTerritory(in)
	if t.Len() == 0 {
		return fmt.Errorf("no commune with a usable boundary (%d left out)", len(skipped))
	}
	towns, err := communesOf(in)
	if err != nil {
		return err
	}
	area := FromBounds(t.Bounds().Expand(o.MarginMeters))
	tiles, err := sketchTiles(towns, area, o.MaxZoom)
	if err != nil {
		return err
	}
	head := ArchiveHeader{TileType: pmtiles.Mvt, TileCompression: pmtiles.Gzip, Bounds: area, CenterZoom: min(o.MaxZoom, 12)}
	return WriteArchive(w, head, sketchMetadata(o), tiles)
}

// sketchTiles draws every tile of the area from zoom 0 to maxZoom.
func sketchTiles(towns []commune, area BBox, maxZoom uint8) ([]ArchiveTile, error) {
	var tiles []ArchiveTile
	for z := uint8(0); z <= maxZoom; z++ {
		r := area.Range(z)
		for x := r.X0; x <= r.X1; x++ {
			for y := r.Y0; y <= r.Y1; y++ {
				data, err := sketchTile(towns, maptile.New(x, y, maptile.Zoom(z)))
				if err != nil {
					return nil, err
				}
				tiles = append(tiles, ArchiveTile{Z: z, X: x, Y: y, Data: data})
			}
		}
	}
	return tiles, nil
}

// communesOf reads each commune's outline and label point.
func communesOf(in []geo.CommuneInput) ([]commune, error) {
	var out []commune
	for _, c := range in {
		g, err := geojson.UnmarshalGeometry(c.Boundary)
		if err != nil {
			continue // NewTerritory left it out already
		}
		centre, err := geo.Centre(c.Boundary)
		if err != nil {
			return nil, fmt.Errorf("commune %s: %w", c.Code, err)
		}
		out = append(out, commune{name: c.Name, outline: outlineOf(g.Geometry()), label: orb.Point{centre.Lon, centre.Lat}})
	}
	return out, nil
}

// outlineOf is the rings of a polygon or multipolygon as lines.
func outlineOf(g orb.Geometry) orb.MultiLineString {
	var polys orb.MultiPolygon
	switch p := g.(type) {
	case orb.Polygon:
		polys = orb.MultiPolygon{p}
	case orb.MultiPolygon:
		polys = p
	}
	var out orb.MultiLineString
	for _, p := range polys {
		for _, ring := range p {
			out = append(out, orb.LineString(ring.Clone()))
		}
	}
	return out
}

// sketchTile encodes one tile: the land, the boundaries crossing it and the names whose
// point lies in it.
func sketchTile(towns []commune, tile maptile.Tile) ([]byte, error) {
	bound := tile.Bound()
	earth := geojson.NewFeatureCollection().Append(feature(bound.ToPolygon(), "earth", ""))
	lines, places := geojson.NewFeatureCollection(), geojson.NewFeatureCollection()
	for _, c := range towns {
		if c.outline.Bound().Intersects(bound) {
			lines.Append(feature(c.outline.Clone(), "locality", ""))
		}
		if bound.Contains(c.label) {
			places.Append(feature(c.label, "locality", c.name))
		}
	}
	layers := mvt.NewLayers(map[string]*geojson.FeatureCollection{"earth": earth, "boundaries": lines, "places": places})
	layers.ProjectToTile(tile)
	layers.Clip(mvt.MapboxGLDefaultExtentBound)
	layers.RemoveEmpty(0, 0)
	return mvt.MarshalGzipped(layers)
}

// feature is a feature of the basemap schema: its kind and, for places, its name (also as
// name:fr, which the PWA's French labels read first).
func feature(g orb.Geometry, kind, name string) *geojson.Feature {
	f := geojson.NewFeature(g)
	f.Properties["kind"] = kind
	if name != "" {
		f.Properties["name"] = name
		f.Properties["name:fr"] = name
		f.Properties["min_zoom"] = 9
	}
	return f
}

// sketchMetadata describes the layers, as tile readers expect of a vector archive.
func sketchMetadata(o SketchOptions) map[string]any {
	layer := func(id string) map[string]any {
		return map[string]any{"id": id, "fields": map[string]string{"kind": "String"}, "minzoom": 0, "maxzoom": int(o.MaxZoom)}
	}
	return map[string]any{
		"name":          "Maillage territory sketch",
		"description":   "The territory's communes drawn by maillage basemap sketch (Protomaps basemap layer names)",
		"attribution":   o.Attribution,
		"type":          "baselayer",
		"format":        "pbf",
		"vector_layers": []any{layer("earth"), layer("boundaries"), layer("places")},
	}
}
