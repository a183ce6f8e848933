// Package server wires Maillage onto a PocketBase app. main.go and the tests' app factory both
// call Bind, so tests exercise exactly what runs in production.
//
//	pb := pocketbase.New()
//	server.Bind(pb, server.Config{Public: pbpublic.FS})
package server

import (
	"io/fs"
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/maillage/maillage/account"
	"github.com/maillage/maillage/backups"
	"github.com/maillage/maillage/basemap"
	"github.com/maillage/maillage/community/conversations"
	"github.com/maillage/maillage/community/discussions"
	"github.com/maillage/maillage/community/exchanges"
	"github.com/maillage/maillage/demo"
	"github.com/maillage/maillage/federation"
	"github.com/maillage/maillage/governance/moderation"
	"github.com/maillage/maillage/governance/proposals"
	"github.com/maillage/maillage/governance/revisions"
	"github.com/maillage/maillage/governance/suggestions"
	"github.com/maillage/maillage/hardening"
	"github.com/maillage/maillage/hooks"
	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/indicators"
	"github.com/maillage/maillage/internal/dbconnect"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/rowcache"
	"github.com/maillage/maillage/internal/sqlitemem"
	"github.com/maillage/maillage/interop/dedup"
	"github.com/maillage/maillage/interop/export"
	"github.com/maillage/maillage/interop/sources"
	"github.com/maillage/maillage/knowledge"
	mobilesync "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/network"
	"github.com/maillage/maillage/push"
	"github.com/maillage/maillage/replication"
	"github.com/maillage/maillage/storagesweep"
)

// Config is everything Maillage reads from flags and the environment, once, in main.go.
type Config struct {
	// Hooks configures the domain rules.
	Hooks hooks.Config
	// Public is the PWA served at /; nil serves nothing there.
	Public fs.FS
	// Demo loads the demo territory into the database when serving.
	Demo bool
	// Sync selects the synced collections; nil Collections syncs mobilesync.DefaultConfig().
	Sync mobilesync.Config
	// TileURL is the PWA map's tile URL template; empty draws no base tiles.
	TileURL string
	// TileAttribution credits the tile provider on the map.
	TileAttribution string
	// Basemap is the path of the PMTiles archive served as the map's base map; empty: none.
	Basemap string
	// Sources bounds the fetching of scheduled sources and the networks they may reach.
	Sources sources.Config
	// Export is the licence and attribution every open data export carries.
	Export export.Config
	// Exchanges names the territory's local currency.
	Exchanges exchanges.Config
	// Push configures Web Push: the push services accepted besides the browsers' own.
	Push push.Config
	// Moderation holds the thresholds of reports and community validation.
	Moderation moderation.Config
	// RateLimits writes the default rate limits into a new database's settings at first start
	// (hardening.DefaultRateLimits); the tests' apps leave it off.
	RateLimits bool
	// Replicate is a Litestream configuration file: data.db is replicated while serving
	// (package replication); empty: no replication.
	Replicate string
	// RowCacheBytes bounds the memory of the records kept as the sync and the geo API wrote
	// them, for their next readers (package rowcache); zero means 32 MiB, negative none.
	RowCacheBytes int64
	// SQLiteMemoryBytes is the memory SQLite keeps near in the whole process, its page caches
	// giving way past it (sqlitemem.LimitHeap); main applies it before the first database
	// opens, 0 sets no limit. The tests' apps leave SQLite unlimited.
	SQLiteMemoryBytes int64
}

// defaultRowCache is the records' cache by default: about 30,000 records of 1 KB.
const defaultRowCache = 32 << 20

// rowCache returns the cache of written records bounded as cfg says.
func rowCache(configured int64) *rowcache.Cache {
	switch {
	case configured < 0:
		return nil
	case configured == 0:
		return rowcache.New(defaultRowCache)
	}
	return rowcache.New(uint64(configured))
}

// Bind registers Maillage's hooks, routes and start-up work on app.
func Bind(app core.App, cfg Config) error {
	sqlitemem.Reserve()
	bindLanguage(app)
	hardening.Register(app, hardening.Config{TileURL: cfg.TileURL, RateLimits: cfg.RateLimits})
	if err := hooks.Register(app, cfg.Hooks); err != nil {
		return err
	}
	discussions.Register(app)
	knowledge.Register(app)
	rows := rowCache(cfg.RowCacheBytes)
	if err := mobilesync.Register(app, syncConfig(cfg.Sync, rows)); err != nil {
		return err
	}
	archive, err := basemap.Register(app, cfg.Basemap)
	if err != nil {
		return err
	}
	bindConfig(app, cfg, archive)
	geoapi.Register(app, rows)
	export.Register(app, cfg.Export)
	sources.Register(app, cfg.Sources)
	dedup.Register(app)
	exchanges.Register(app)
	conversations.Register(app)
	account.Register(app)
	push.Register(app, cfg.Push)
	moderation.Register(app, cfg.Moderation)
	suggestions.Register(app)
	proposals.Register(app)
	network.Register(app)
	indicators.Register(app)
	federation.Register(app)
	if err := revisions.Register(app); err != nil {
		return err
	}
	backups.Register(app)
	storagesweep.Register(app)
	if err := replication.Register(app, cfg.Replicate); err != nil {
		return err
	}
	demo.Register(app, cfg.Demo)
	if cfg.Public != nil {
		bindPublic(app, cfg.Public)
	}
	return nil
}

// bindLanguage writes every API error in the requester's language (i18n.Middleware), on every
// route, around Maillage's refusals and PocketBase's own handlers.
func bindLanguage(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.Bind(i18n.Middleware())
		return se.Next()
	})
}

// bindPublic serves the PWA last, so that every API route and the dashboard come first.
func bindPublic(app core.App, public fs.FS) {
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Priority: 999,
		Func: func(se *core.ServeEvent) error {
			if !se.Router.HasRoute(http.MethodGet, "/{path...}") {
				se.Router.GET("/{path...}", apis.Static(public, true))
			}
			return se.Next()
		},
	})
}

// syncConfig defaults to syncing Maillage's collections, so that test apps sync too.
func syncConfig(c mobilesync.Config, rows *rowcache.Cache) mobilesync.Config {
	if c.Collections == nil {
		c = mobilesync.DefaultConfig()
	}
	if c.Rows == nil {
		c.Rows = rows
	}
	if c.ReadTx == 0 {
		c.ReadTx = dbconnect.MaxOpen() / 2 // the connections main.go opens
	}
	if c.OnReadOnlyUpdate == nil {
		c.OnReadOnlyUpdate = suggestions.FromSync // an update of a read-only record is suggested
	}
	if c.ExplainRefusal == nil {
		c.ExplainRefusal = hooks.ExplainFields // refused pushes say why, field by field
	}
	return c
}
