package hardening

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// defaultsMarker is the _params row that records that a database received the defaults once.
const defaultsMarker = "maillageRateLimitsDefaults"

// DefaultRateLimits are the rate limits a new database starts with, counted per client IP (and
// per collection for the collection rules). Sign-in (every auth-with-* of every auth
// collection, superusers included) allows 10 attempts a minute: a password guessed from one
// address tries at most 14,400 a day. Sign-up, password reset and verification mails are
// rarer still; writes (REST creates, updates and deletes, sync pushes and photos) allow a busy
// device and a few neighbours behind one address. PocketBase's own general rules stay.
func DefaultRateLimits() core.RateLimitsConfig {
	return core.RateLimitsConfig{Enabled: true, Rules: []core.RateLimitRule{
		{Label: "*:auth", MaxRequests: 10, Duration: 60},
		{Label: "users:create", MaxRequests: 10, Duration: 600},
		{Label: "*:requestPasswordReset", MaxRequests: 3, Duration: 300},
		{Label: "*:requestVerification", MaxRequests: 3, Duration: 300},
		{Label: "*:requestEmailChange", MaxRequests: 3, Duration: 300},
		{Label: "*:create", MaxRequests: 60, Duration: 60},
		{Label: "*:update", MaxRequests: 60, Duration: 60},
		{Label: "*:delete", MaxRequests: 30, Duration: 60},
		{Label: "POST /api/sync/push", MaxRequests: 60, Duration: 60},
		{Label: "PUT /api/sync/media/", MaxRequests: 60, Duration: 60},
		{Label: "/api/batch", MaxRequests: 3, Duration: 1},
		{Label: "/api/", MaxRequests: 300, Duration: 10},
	}}
}

// bindRateLimits writes the defaults when serving starts on a database that never had them.
func bindRateLimits(app core.App) {
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := ApplyDefaults(se.App); err != nil {
			return fmt.Errorf("default rate limits: %w", err)
		}
		return se.Next()
	})
}

// ApplyDefaults writes DefaultRateLimits into app's settings, once per database: the marker
// row and the settings are saved in one transaction, and a database holding the marker (the
// administrator may have changed or disabled the limits since) is left as it is.
func ApplyDefaults(app core.App) error {
	return app.RunInTransaction(func(tx core.App) error {
		res, err := tx.DB().NewQuery("INSERT OR IGNORE INTO {{_params}} ([[id]], [[value]]) VALUES ({:id}, 'true')").
			Bind(dbx.Params{"id": defaultsMarker}).Execute()
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		settings, err := tx.Settings().Clone()
		if err != nil {
			return err
		}
		settings.RateLimits = DefaultRateLimits()
		return tx.Save(settings)
	})
}
