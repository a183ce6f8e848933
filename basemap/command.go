package basemap

// `maillage basemap extract` and `maillage basemap sketch`, beside PocketBase's commands.

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/spf13/cobra"

	"github.com/maillage/maillage/geo"
	s "github.com/maillage/maillage/schema"
)

// Command is `maillage basemap`, with its subcommands extract and sketch.
func Command(app core.App) *cobra.Command {
	root := &cobra.Command{Use: "basemap", Short: "Make the territory's base map (PMTiles) that `serve --basemap` serves"}
	root.AddCommand(extractCommand(app), sketchCommand(app))
	return root
}

// extractCommand is `maillage basemap extract`.
func extractCommand(app core.App) *cobra.Command {
	var o ExtractOptions
	var bbox string
	var margin float64
	cmd := &cobra.Command{
		Use:   "extract --from SOURCE --out FILE [--bbox W,S,E,N] [--maxzoom Z]",
		Short: "Cut the territory out of a larger PMTiles archive (a file, or an https URL read with range requests)",
		Args:  cobra.NoArgs, SilenceUsage: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.From == "" || o.Out == "" {
				return errors.New("--from and --out are required")
			}
			var err error
			if o.BBox, err = areaOf(app, bbox, margin); err != nil {
				return err
			}
			o.Log = cmd.ErrOrStderr()
			if err := Extract(context.Background(), o); err != nil {
				return err
			}
			return describe(cmd, o.Out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.From, "from", "", "the source archive: a .pmtiles file or its https URL (required)")
	f.StringVar(&o.Out, "out", "", "the archive to write (required)")
	f.StringVar(&bbox, "bbox", "", "the area W,S,E,N in degrees; default: the territory's communes plus --margin")
	f.Float64Var(&margin, "margin", DefaultMarginMeters, "metres kept around the communes when there is no --bbox")
	f.Uint8Var(&o.MinZoom, "minzoom", 0, "the shallowest zoom kept")
	f.Uint8Var(&o.MaxZoom, "maxzoom", 15, "the deepest zoom kept (the source's when it stops before)")
	return cmd
}

// describe prints what the written archive holds.
func describe(cmd *cobra.Command, path string) error {
	a, err := Open(path)
	if err != nil {
		return err
	}
	defer a.Close()
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "%s, %d bytes\n", a.Describe(), info.Size())
	return nil
}

// areaOf is the bbox given, or the box of the territory's communes grown by margin metres.
func areaOf(app core.App, bbox string, margin float64) (BBox, error) {
	if bbox != "" {
		return ParseBBox(bbox)
	}
	t, err := territory(app)
	if err != nil {
		return BBox{}, err
	}
	return FromBounds(t.Bounds().Expand(margin)), nil
}

// territory builds the territory from the communes in the database.
func territory(app core.App) (*geo.Territory, error) {
	in, err := communeInputs(app)
	if err != nil {
		return nil, err
	}
	t, _ := geo.NewTerritory(in)
	if t.Len() == 0 {
		return nil, errors.New("the territory has no commune with a boundary: give --bbox W,S,E,N, or import the communes first (maillage territory import)")
	}
	return t, nil
}

// communeInputs reads the communes of the database.
func communeInputs(app core.App) ([]geo.CommuneInput, error) {
	if err := app.RunAllMigrations(); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	records, err := app.FindAllRecords(s.Communes)
	if err != nil {
		return nil, err
	}
	in := make([]geo.CommuneInput, 0, len(records))
	for _, r := range records {
		raw, _ := r.Get(s.CommuneFields.Boundary).(types.JSONRaw)
		in = append(in, geo.CommuneInput{ID: r.Id, Code: r.GetString(s.CommuneFields.Code),
			Name: r.GetString(s.CommuneFields.Name), Boundary: []byte(raw)})
	}
	return in, nil
}
