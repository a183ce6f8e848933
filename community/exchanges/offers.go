package exchanges

import (
	"context"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// offerMoves lists, for each state, the states an offer may move to by a person's hand.
// Expired is reached only by the cron job (expireContext). Done is final.
var offerMoves = map[string][]string{
	s.OfferOpen:      {s.OfferReserved, s.OfferDone, s.OfferWithdrawn, s.OfferExpired},
	s.OfferReserved:  {s.OfferOpen, s.OfferDone, s.OfferWithdrawn, s.OfferExpired},
	s.OfferExpired:   {s.OfferOpen, s.OfferWithdrawn},
	s.OfferWithdrawn: {s.OfferOpen},
	s.OfferDone:      {},
}

// offerTransition reports why an offer may not move from one state to another, nil when it
// may. "" is an offer saved before states existed: open.
func offerTransition(from, to string) error {
	if from == "" {
		from = s.OfferOpen
	}
	if from == to {
		return nil
	}
	for _, next := range offerMoves[from] {
		if next == to {
			return nil
		}
	}
	return i18n.NewError("offer_state_transition", map[string]any{"from": from, "to": to, "reason": from})
}

// expireKey marks the context of the cron job's saves, the only ones that may expire an offer.
type expireKey struct{}

// expireContext is ctx for a save that expires an offer.
func expireContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, expireKey{}, true)
}

func isExpiry(ctx context.Context) bool {
	v, _ := ctx.Value(expireKey{}).(bool)
	return v
}

// bindOffers starts new offers open and refuses the state changes offerTransition refuses.
func bindOffers(app core.App) {
	app.OnRecordCreate(s.Offers).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(s.OfferFields.State) == "" {
			e.Record.Set(s.OfferFields.State, s.OfferOpen)
		}
		return e.Next()
	})
	app.OnRecordValidate(s.Offers).BindFunc(func(e *core.RecordEvent) error {
		if err := checkState(e.Context, e.Record, time.Now()); err != nil {
			return validation.Errors{s.OfferFields.State: err}
		}
		return e.Next()
	})
}

// checkState checks the state of offer rec as it is about to be saved.
func checkState(ctx context.Context, rec *core.Record, now time.Time) error {
	to := rec.GetString(s.OfferFields.State)
	if rec.IsNew() {
		if to != s.OfferOpen && to != "" {
			return i18n.NewError("offer_state_new", nil)
		}
		return nil
	}
	from := rec.Original().GetString(s.OfferFields.State)
	if from == to {
		return nil
	}
	if to == s.OfferExpired && !isExpiry(ctx) {
		return i18n.NewError("offer_expired_by_server", nil)
	}
	if err := offerTransition(from, to); err != nil {
		return err
	}
	if from == s.OfferExpired && to == s.OfferOpen && isPast(rec, now) {
		return i18n.NewError("offer_expires_past", nil)
	}
	return nil
}

// isPast reports whether offer rec has an expiry date and it has passed.
func isPast(rec *core.Record, now time.Time) bool {
	expires := rec.GetDateTime(s.OfferFields.Expires)
	return !expires.IsZero() && expires.Time().Before(now)
}
