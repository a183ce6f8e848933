package geoapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/i18n"
)

// TerritoryCommand is `maillage territory import FILE --territory NAME`: the upload route's
// import from the command line, for an admin on the server.
func TerritoryCommand(app core.App) *cobra.Command {
	var opt ImportOptions
	importCmd := &cobra.Command{
		Use:          "import FILE",
		Short:        "Create or update the communes of a GeoJSON FeatureCollection, in one transaction",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImport(app, cmd, args[0], opt)
		},
	}
	f := importCmd.Flags()
	f.StringVar(&opt.Territory, "territory", "", "the territory's name, e.g. \"Plaine Commune\" (required)")
	f.StringVar(&opt.CodeProperty, "code", "", "the property holding the INSEE code (default code)")
	f.StringVar(&opt.NameProperty, "name", "", "the property holding the name (default nom)")
	f.BoolVar(&opt.Replace, "replace", false, "also remove this territory's communes the file does not hold")
	root := &cobra.Command{Use: "territory", Short: "Manage the territory's communes"}
	root.AddCommand(importCmd)
	return root
}

func runImport(app core.App, cmd *cobra.Command, path string, opt ImportOptions) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read territory file: %w", err)
	}
	if err := app.RunAllMigrations(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	res, err := ImportTerritory(app, data, opt)
	if err != nil {
		lang := i18n.FromEnv(os.Getenv)
		return fmt.Errorf("%s\n%s", i18n.T(lang, "territory_refused_file", map[string]any{"file": path}), describe(lang, err))
	}
	out, _ := json.MarshalIndent(res, "", "  ")
	cmd.Println(string(out))
	return nil
}

// describe lists a refusal's problems one per line, features in order, in lang (the geometry
// checks' own problems stay in English).
func describe(lang string, err error) string {
	var invalid *geo.ValidationError
	if errors.As(err, &invalid) {
		lines := make([]string, 0, len(invalid.Problems))
		for _, p := range invalid.Problems {
			lines = append(lines, "  "+p.String())
		}
		return strings.Join(lines, "\n")
	}
	var fields validation.Errors
	if errors.As(err, &fields) {
		lines := make([]string, 0, len(fields))
		for k, v := range fields {
			lines = append(lines, "  "+k+": "+i18n.Localize(lang, v))
		}
		sort.Strings(lines)
		return strings.Join(lines, "\n")
	}
	return "  " + err.Error()
}
