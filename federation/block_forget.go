package federation

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// forgetBlocked removes, once domain is blocked, the followers of that domain and the
// deliveries queued for it.
func forgetBlocked(app core.App, domain string) {
	drop := func(collection, field string) {
		records, err := app.FindAllRecords(collection)
		if err != nil {
			app.Logger().Warn("federation: forget a blocked domain", "error", err)
			return
		}
		for _, rec := range records {
			if blockedBy([]string{domain}, host(rec.GetString(field))) != "" {
				if err := app.Delete(rec); err != nil {
					app.Logger().Warn("federation: forget a blocked domain", "error", err)
				}
			}
		}
	}
	drop(s.FederationFollowers, s.FollowerFields.Actor)
	drop(s.FederationDeliveries, s.DeliveryFields.Inbox)
}
