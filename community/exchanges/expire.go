package exchanges

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	s "github.com/maillage/maillage/schema"
)

// ExpiryJob is the id of the cron job that expires offers (dashboard: Settings → Crons).
const ExpiryJob = "maillageExpireOffers"

// expirySchedule runs the job every ten minutes (cron runs only under `serve`).
const expirySchedule = "*/10 * * * *"

// bindExpiry registers the cron job that closes the offers past their expiry date.
func bindExpiry(app core.App) {
	app.Cron().MustAdd(ExpiryJob, expirySchedule, func() {
		n, err := ExpireOffers(app, time.Now())
		if err != nil {
			app.Logger().Error("expire offers", "error", err, "expired", n)
		}
	})
}

// ExpireOffers marks expired the open and reserved offers whose expires date is before now,
// each through app.Save (so that hooks, the change log and realtime see it), and returns how
// many it expired. An offer that cannot be saved is skipped; the errors are joined.
func ExpireOffers(app core.App, now time.Time) (int, error) {
	f := s.OfferFields
	at, err := types.ParseDateTime(now.UTC())
	if err != nil {
		return 0, fmt.Errorf("expiry time: %w", err)
	}
	due, err := app.FindRecordsByFilter(s.Offers,
		"("+f.State+" = '' || "+f.State+" = {:open} || "+f.State+" = {:reserved}) && "+f.Expires+" != '' && "+f.Expires+" < {:now}",
		"", 0, 0, dbx.Params{"open": s.OfferOpen, "reserved": s.OfferReserved, "now": at.String()})
	if err != nil {
		return 0, fmt.Errorf("find offers to expire: %w", err)
	}
	ctx := expireContext(context.Background())
	var errs []error
	expired := 0
	for _, offer := range due {
		offer.Set(f.State, s.OfferExpired)
		if err := app.SaveWithContext(ctx, offer); err != nil {
			errs = append(errs, fmt.Errorf("expire offer %s: %w", offer.Id, err))
			continue
		}
		expired++
	}
	return expired, errors.Join(errs...)
}
