package basemap

// `maillage basemap sketch`: the communes drawn as a small vector base map.

import (
	"bytes"
	"fmt"
	"os"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"github.com/maillage/maillage/geo"
)

// sketchCommand is `maillage basemap sketch`.
func sketchCommand(app core.App) *cobra.Command {
	var o SketchOptions
	var from, out string
	cmd := &cobra.Command{
		Use:   "sketch --out FILE [--communes FILE.geojson] [--maxzoom Z]",
		Short: "Draw the territory's communes (outlines, names) as a small vector base map, where no street-level extract is at hand",
		Args:  cobra.NoArgs, SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return fmt.Errorf("--out is required")
			}
			in, err := sketchCommunes(app, from)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := Sketch(&buf, in, o); err != nil {
				return err
			}
			if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			return describe(cmd, out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "", "the archive to write (required)")
	f.StringVar(&from, "communes", "", "a GeoJSON FeatureCollection of communes (properties code, nom); default: the database's")
	f.Uint8Var(&o.MaxZoom, "maxzoom", 14, "the deepest zoom drawn")
	f.Float64Var(&o.MarginMeters, "margin", DefaultMarginMeters, "metres tiled around the communes")
	f.StringVar(&o.Attribution, "attribution", "", "credit for the communes' boundaries, e.g. \"IGN Admin Express, INSEE COG (Licence Ouverte)\"")
	return cmd
}

// sketchCommunes reads the communes of a GeoJSON file, or of the database when from is "".
func sketchCommunes(app core.App, from string) ([]geo.CommuneInput, error) {
	if from == "" {
		return communeInputs(app)
	}
	data, err := os.ReadFile(from)
	if err != nil {
		return nil, err
	}
	in, _, err := geo.ParseCommunes(data, "", "")
	return in, err
}
