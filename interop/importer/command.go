package importer

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/interop/formats"
)

// Command is `maillage import --format F --collection C [--source NAME] [--dry-run] FILE`: an
// import from the command line, on the data dir (--dir) whether or not a server runs on it.
// Its last line on standard output is the JSON summary.
func Command(app core.App) *cobra.Command {
	var opts Options
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import initiatives, events or organisations from a GeoJSON, CSV, GoGoCarto, iCalendar or JSON-LD file (- for standard input)",
		Long: "Import writes each item of FILE into the collection, matched by --source and the item's id: " +
			"importing the same file again creates nothing, changed items are updated, and a field edited in " +
			"Maillage since the last import is kept (the source's value goes to moderators). The last line " +
			"printed is a JSON summary.",
		Args:         cobra.ExactArgs(1),
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCommand(app, cmd.OutOrStdout(), args[0], opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Format, "format", "", "the file's format: "+strings.Join(formats.Names(), "|")+" (required)")
	f.StringVar(&opts.Collection, "collection", "", "where the items go: initiatives|events|organisations (required)")
	f.StringVar(&opts.Source, "source", "", "the source's name, kept on every record (default: the file's name)")
	f.BoolVar(&opts.DryRun, "dry-run", false, "read, check and count as a real import would, and write nothing")
	return cmd
}

func runCommand(app core.App, out io.Writer, file string, opts Options) error {
	opts.Lang = langFromEnv()
	if opts.Source == "" {
		opts.Source = defaultSource(file)
	}
	if err := Check(opts); err != nil {
		return err
	}
	in, closeIn, err := open(file, opts.Lang)
	if err != nil {
		return err
	}
	defer closeIn()
	if err := app.RunAllMigrations(); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	sum, err := Import(app, in, opts)
	if err != nil {
		return err
	}
	line, err := json.Marshal(sum)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, string(line))
	return err
}

// open opens the file to import, standard input for "-".
func open(file, lang string) (io.Reader, func(), error) {
	if file == "-" {
		return os.Stdin, func() {}, nil
	}
	f, err := os.Open(file)
	if err != nil {
		reason := err.Error()
		if pe, ok := err.(*os.PathError); ok {
			reason = pe.Err.Error()
		}
		return nil, nil, refusal(ErrUnusable, lang, "import_read_failed", map[string]any{"file": file, "reason": reason})
	}
	return f, func() { f.Close() }, nil
}

// defaultSource names a source after its file ("lieux.csv" → "lieux").
func defaultSource(file string) string {
	if file == "-" {
		return "stdin"
	}
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// langFromEnv is the command's language: the locale's (LC_ALL, LC_MESSAGES, LANG), French
// unless it says English.
func langFromEnv() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			if strings.HasPrefix(strings.ToLower(v), i18n.EN) {
				return i18n.EN
			}
			return i18n.FR
		}
	}
	return i18n.FR
}
