// Command maillage is the whole Maillage backend: PocketBase with Maillage's schema, domain
// rules, sync protocol and PWA. Run `maillage serve --demo` to try it on a demo territory.
package main

import (
	"fmt"
	"io/fs"
	"log"
	"os"
	"runtime/debug"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
	"github.com/spf13/cobra"

	"github.com/maillage/maillage/basemap"
	"github.com/maillage/maillage/internal/dbconnect"
	"github.com/maillage/maillage/internal/debugpprof"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/sqlitemem"
	"github.com/maillage/maillage/interop/export"
	"github.com/maillage/maillage/interop/importer"
	_ "github.com/maillage/maillage/migrations"
	pbpublic "github.com/maillage/maillage/pb_public"
	"github.com/maillage/maillage/push"
	"github.com/maillage/maillage/replication"
)

func main() {
	// restore-replica runs before any app exists: PocketBase would create data.db on opening.
	if ran, err := replication.RunBeforeApp(os.Args[1:]); ran {
		if err != nil {
			fmt.Fprintln(os.Stderr, "Error: "+err.Error())
			os.Exit(1)
		}
		return
	}
	// Dev mode (SQL logging, PWA served from disk) only when asked for with --dev, even under
	// `go run`, so that the quick start stays quiet. The database keeps its statements prepared.
	replicate := new(string)
	pb := pocketbase.NewWithConfig(pocketbase.Config{DefaultDev: false, DBConnect: connectFor(replicate),
		DataMaxOpenConns: dbconnect.MaxOpen(), DataMaxIdleConns: dbconnect.MaxOpen()})
	cfg, err := readConfig(pb, os.Args[1:])
	if err != nil {
		log.Fatal(err)
	}
	*replicate = cfg.Replicate
	if cfg.SQLiteMemoryBytes > 0 { // 0: SQLite as it comes, without the accounting a limit needs
		if err := sqlitemem.LimitHeap(cfg.SQLiteMemoryBytes); err != nil {
			log.Fatal(err)
		}
	}
	limitGoMemory()
	migratecmd.MustRegister(pb, pb.RootCmd, migratecmd.Config{Dir: "migrations"})
	failed := false
	pb.RootCmd.AddCommand(exitStatus(geoapi.TerritoryCommand(pb), &failed))
	pb.RootCmd.AddCommand(exitStatus(importer.Command(pb), &failed))
	pb.RootCmd.AddCommand(exitStatus(basemap.Command(pb), &failed))
	pb.RootCmd.AddCommand(replication.Command())
	if err := server.Bind(pb, cfg); err != nil {
		log.Fatal(err)
	}
	debugpprof.ListenFromEnv() // MAILLAGE_PPROF=127.0.0.1:6060: profiles for load runs
	if err := pb.Start(); err != nil {
		log.Fatal(err)
	}
	if failed {
		os.Exit(1)
	}
}

// connectFor opens the databases with dbconnect's statement cache and its readers' smaller page
// caches; data.db without automatic checkpoints when *replicate (read at bootstrap, after the
// flags) names a Litestream configuration, for Litestream must be its only checkpointer.
func connectFor(replicate *string) core.DBConnectFunc {
	return dbconnect.ServerConnect(func() bool { return *replicate != "" })
}

// exitStatus makes cmd (and its subcommands) write their error on standard error and set
// failed: PocketBase prints a command's error on standard output and ends with status 0, and
// scripts need to know.
func exitStatus(cmd *cobra.Command, failed *bool) *cobra.Command {
	if run := cmd.RunE; run != nil {
		cmd.SilenceErrors = true
		cmd.RunE = func(c *cobra.Command, args []string) error {
			err := run(c, args)
			if err != nil {
				*failed = true
				fmt.Fprintln(os.Stderr, "Error: "+err.Error())
			}
			return err
		}
	}
	for _, sub := range cmd.Commands() {
		exitStatus(sub, failed)
	}
	return cmd
}

// readConfig declares Maillage's flags beside PocketBase's and reads them from args, once.
func readConfig(pb *pocketbase.PocketBase, args []string) (server.Config, error) {
	var cfg server.Config
	margin, err := server.EnvMargin("MAILLAGE_GEO_MARGIN")
	if err != nil {
		return cfg, err
	}
	flags := pb.RootCmd.PersistentFlags()
	flags.BoolVar(&cfg.Demo, "demo", os.Getenv("MAILLAGE_DEMO") == "1",
		"load the demo territory (Plaine Commune) into the database; env MAILLAGE_DEMO=1")
	flags.StringVar(&cfg.TileURL, "tiles", os.Getenv("MAILLAGE_TILE_URL"),
		"the PWA map's tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png; empty draws no base map; env MAILLAGE_TILE_URL")
	flags.StringVar(&cfg.TileAttribution, "tiles-attribution", os.Getenv("MAILLAGE_TILE_ATTRIBUTION"),
		"credit shown under the map for the tiles; env MAILLAGE_TILE_ATTRIBUTION")
	flags.StringVar(&cfg.Basemap, "basemap", os.Getenv("MAILLAGE_BASEMAP"),
		"a PMTiles archive (vector or raster) the server serves as the map's base map, offline too; env MAILLAGE_BASEMAP")
	flags.StringVar(&cfg.Export.Licence, "data-licence", envOr("MAILLAGE_DATA_LICENCE", export.DefaultLicence),
		"licence of the exported data: an SPDX identifier such as ODbL-1.0 or etalab-2.0, or a URL; env MAILLAGE_DATA_LICENCE")
	flags.StringVar(&cfg.Export.Attribution, "data-attribution", envOr("MAILLAGE_DATA_ATTRIBUTION", export.DefaultAttribution),
		"credit re-users of the exported data must give; env MAILLAGE_DATA_ATTRIBUTION")
	flags.StringVar(&cfg.Exchanges.CurrencyName, "currency-name", os.Getenv("MAILLAGE_CURRENCY_NAME"),
		"name of the territory's local currency, shown on offers of mode localCurrency; env MAILLAGE_CURRENCY_NAME")
	flags.Float64Var(&cfg.Hooks.Geo.OutsideMarginMeters, "geo-margin", margin,
		"how far outside the territory's communes (metres) a location is still accepted; 0: the default 2000; negative: none; env MAILLAGE_GEO_MARGIN")
	allow := flags.String("sources-allow-networks", os.Getenv("MAILLAGE_SOURCES_ALLOW_NETWORKS"),
		"networks of the server's own that scheduled sources may fetch from anyway (CIDRs, comma-separated); env MAILLAGE_SOURCES_ALLOW_NETWORKS")
	pushHosts := flags.String("push-hosts", os.Getenv("MAILLAGE_PUSH_HOSTS"),
		"push services (host:port, comma-separated) accepted besides the browsers' own, e.g. a self-hosted one; env MAILLAGE_PUSH_HOSTS")
	flags.BoolVar(&cfg.RateLimits, "rate-limits", os.Getenv("MAILLAGE_RATE_LIMITS") != "off",
		"give a new database the default rate limits (sign-in, sign-up, password reset, writes) at first start; adjust them in the dashboard, Settings > Rate limits; env MAILLAGE_RATE_LIMITS=off for none")
	flags.StringVar(&cfg.Replicate, "replicate", os.Getenv(replication.EnvConfig),
		"a Litestream configuration file (litestream.yml): replicate data.db while serving, restore it from the replica when missing; env "+replication.EnvConfig)
	rowCache := flags.String("row-cache-mb", envOr("MAILLAGE_ROW_CACHE_MB", "32"),
		"memory (MiB) of the records kept as the sync and the map wrote them, for their next readers; 0: none; env MAILLAGE_ROW_CACHE_MB")
	sqliteMemory := flags.String("sqlite-memory-mb", envOr("MAILLAGE_SQLITE_MEMORY_MB", "32"),
		"memory (MiB) SQLite keeps near: past it, the page caches of the database connections give way; 0: no limit, nor memory accounting; env MAILLAGE_SQLITE_MEMORY_MB")
	moderationFlags(flags, &cfg.Moderation)
	_ = pb.RootCmd.ParseFlags(args) // unknown flags are left for the subcommands
	cfg.Public = publicFiles(pb.IsDev())
	if cfg.Push.Hosts, err = push.ParseHosts(*pushHosts); err != nil {
		return cfg, fmt.Errorf("--push-hosts or MAILLAGE_PUSH_HOSTS: %w", err)
	}
	if cfg.RowCacheBytes, err = server.RowCacheBytes(*rowCache); err != nil {
		return cfg, err
	}
	if cfg.SQLiteMemoryBytes, err = server.SQLiteMemoryBytes(*sqliteMemory); err != nil {
		return cfg, err
	}
	cfg.Sources.AllowNetworks, err = server.AllowNetworks(*allow)
	return cfg, err
}

// goMemoryLimit is Go's soft memory limit when GOMEMLIMIT is unset: past it the collector runs
// more often rather than let the heap grow to twice what it holds. With 100,000 records and a
// thousand clients the server's peak went from 310 to 267 MB for 3–8 % more processor time
// (BENCHMARKS.md, "Load, session 11").
const goMemoryLimit = 150 << 20

// limitGoMemory sets goMemoryLimit unless GOMEMLIMIT says otherwise (GOMEMLIMIT=off: none).
// Empty, the variable is unset for Go's runtime too.
func limitGoMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(goMemoryLimit)
	}
}

// envOr is the environment variable name, or def when it is unset or empty.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// publicFiles serves the embedded PWA, or pb_public on disk in --dev mode so edits show at once.
func publicFiles(dev bool) fs.FS {
	if dev {
		return os.DirFS("pb_public")
	}
	return pbpublic.FS
}
