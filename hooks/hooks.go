// Package hooks holds Maillage's domain rules as model-level hooks, so that they hold for every
// write path: REST, the batch API, the dashboard and sync alike. Each concern has its own file;
// the rules themselves are small pure functions, the hooks thin adapters.
//
//	hooks.Register(app, hooks.Config{})
package hooks

import "github.com/pocketbase/pocketbase/core"

// Config carries the settings the domain rules need.
type Config struct {
	// Geo configures the territory rules: outside margin and blur secret (geo.go).
	Geo GeoConfig
}

// Register binds every domain rule to app.
func Register(app core.App, cfg Config) error {
	bindModeration(app)
	bindProfiles(app)
	bindFounders(app)
	bindPhotos(app)
	bindGeo(app, cfg.Geo)
	return nil
}
