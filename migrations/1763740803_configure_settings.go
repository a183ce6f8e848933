package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// App name and the batch API (one of the write paths the rules must hold for).
func init() {
	m.Register(func(app core.App) error {
		settings := app.Settings()
		settings.Meta.AppName = "Maillage"
		settings.Batch.Enabled = true
		settings.Batch.MaxRequests = 100
		settings.Batch.Timeout = 10
		return app.Save(settings)
	}, nil)
}
