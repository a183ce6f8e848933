// Package sources runs the semantic bus's connectors on a schedule: each record of the sources
// collection names a URL (or an uploaded file), a format, a target collection and a cron
// schedule; a run fetches it (bounded in size, time and redirects, conditional on ETag and
// Last-Modified, refusing the server's own networks), imports it with interop/importer and
// records an importRuns row with its counts and per-item errors. A failing source records a
// failed run and never affects another.
//
//	runner := sources.Register(app, sources.Config{AllowNetworks: nets})
//	run, err := runner.Run(ctx, sourceID) // the importRuns row; also POST /api/maillage/sources/{id}/run
package sources

import (
	"io"
	"net/netip"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/interop/importer"
)

// Default bounds of a fetch.
const (
	DefaultMaxBytes     = 32 << 20
	DefaultTimeout      = 60 * time.Second
	DefaultMaxRedirects = 5
)

// KeepRuns is how many importRuns rows are kept per source; older ones are deleted.
const KeepRuns = 100

// ImportFunc imports one input; importer.Import is the real one.
type ImportFunc func(app core.App, r io.Reader, opts importer.Options) (importer.Summary, error)

// Config bounds fetching and names the networks a source may reach despite the guard.
type Config struct {
	// MaxBytes bounds a fetched body; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds a whole fetch (connection, redirects, body); 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxRedirects bounds the redirects followed; 0 means DefaultMaxRedirects.
	MaxRedirects int
	// AllowNetworks are reachable although they belong to the server's own networks
	// (loopback, private, link-local…), which are refused otherwise.
	AllowNetworks []netip.Prefix
	// Import imports a fetched input; nil means importer.Import.
	Import ImportFunc
}

// withDefaults fills the zero fields of c.
func (c Config) withDefaults() Config {
	if c.MaxBytes <= 0 {
		c.MaxBytes = DefaultMaxBytes
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = DefaultMaxRedirects
	}
	if c.Import == nil {
		c.Import = importer.Import
	}
	return c
}

// Register validates sources on every save, keeps one cron job per enabled, scheduled source
// (re-registered when a source changes and when the server starts), and serves the run-now
// and public credits routes. It returns the Runner the jobs and routes use.
func Register(app core.App, cfg Config) *Runner {
	r := NewRunner(app, cfg)
	bindValidation(app)
	bindSchedule(app, r)
	bindRoutes(app, r)
	return r
}
