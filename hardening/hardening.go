// Package hardening holds what protects the server from hostile visitors as a whole, rather
// than any one feature: the PWA's Content-Security-Policy (no inline script, no foreign origin
// but the configured tile server) and the default rate limits written into a new database's
// settings (sign-in, sign-up, password reset, writes), which an administrator adjusts later in
// the dashboard (Settings > Rate limits).
//
//	hardening.Register(app, hardening.Config{TileURL: cfg.TileURL, RateLimits: true})
package hardening

import "github.com/pocketbase/pocketbase/core"

// Config is what the hardening needs from the server's configuration.
type Config struct {
	// TileURL is the PWA map's raster tile URL template; its host joins img-src and connect-src.
	TileURL string
	// RateLimits writes DefaultRateLimits into the settings at the first start of a database
	// (never again, so an administrator's later changes stay). Tests leave it off.
	RateLimits bool
}

// Register binds the Content-Security-Policy on every page and file of the PWA, the 413 answer
// to bodies over their limit, and, when cfg.RateLimits is set, the first start's rate limits.
func Register(app core.App, cfg Config) {
	bindCSP(app, Policy(cfg.TileURL))
	bindTooLarge(app)
	if cfg.RateLimits {
		bindRateLimits(app)
	}
}
