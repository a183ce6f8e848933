package exchanges

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// bookingMoves lists, for each status, the statuses a booking may move to: the offer's author
// confirms or declines a request (and may still decline a confirmed booking: the drill broke),
// the requester cancels. Declined and cancelled are final. Who may set which status is the
// bookings' update rule (migrations/1765000101_create_bookings.go).
var bookingMoves = map[string][]string{
	s.BookingRequested: {s.BookingConfirmed, s.BookingDeclined, s.BookingCancelled},
	s.BookingConfirmed: {s.BookingDeclined, s.BookingCancelled},
	s.BookingDeclined:  {},
	s.BookingCancelled: {},
}

// bookingTransition reports why a booking may not move from one status to another. A request
// the server declined because its dates were taken (reason datesTaken) may still be confirmed
// when they are free again; overlap.go checks that they are.
func bookingTransition(from, reason, to string) error {
	if from == to || slices.Contains(bookingMoves[from], to) {
		return nil
	}
	if from == s.BookingDeclined && reason == s.BookingReasonDatesTaken && to == s.BookingConfirmed {
		return nil
	}
	return i18n.NewError("booking_transition", map[string]any{"from": from, "to": to, "reason": from})
}

// bindBookings starts bookings as requests and checks their dates, their offer and the order
// of their statuses.
func bindBookings(app core.App) {
	app.OnRecordCreate(s.Bookings).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(s.BookingFields.Status) == "" {
			e.Record.Set(s.BookingFields.Status, s.BookingRequested)
		}
		return e.Next()
	})
	app.OnRecordValidate(s.Bookings).BindFunc(func(e *core.RecordEvent) error {
		if err := checkBooking(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// checkBooking returns the field errors of booking rec as it is about to be saved.
func checkBooking(app core.App, rec *core.Record) error {
	f := s.BookingFields
	status := rec.GetString(f.Status)
	start, end := rec.GetDateTime(f.Start), rec.GetDateTime(f.End)
	if !start.IsZero() && !end.IsZero() && !start.Time().Before(end.Time()) {
		return validation.Errors{f.End: i18n.NewError("booking_end_before_start", nil)}
	}
	if !rec.IsNew() {
		before := rec.Original()
		if err := bookingTransition(before.GetString(f.Status), before.GetString(f.Reason), status); err != nil {
			return validation.Errors{f.Status: err}
		}
		return nil
	}
	if status != s.BookingRequested {
		return validation.Errors{f.Status: i18n.NewError("booking_starts_requested", nil)}
	}
	return checkBookable(app, rec.GetString(f.Offer))
}

// checkBookable refuses a new booking of an offer that is not lent or rented, or is closed.
// A missing offer is left to the relation field's own validation.
func checkBookable(app core.App, offerID string) error {
	offer, err := app.FindRecordById(s.Offers, offerID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read offer %s: %w", offerID, err)
	}
	if mode := offer.GetString(s.OfferFields.Mode); mode != s.ModeLoan && mode != s.ModeRental {
		return validation.Errors{s.BookingFields.Offer: i18n.NewError("booking_offer_not_bookable", nil)}
	}
	switch offer.GetString(s.OfferFields.State) {
	case "", s.OfferOpen, s.OfferReserved:
		return nil
	default:
		return validation.Errors{s.BookingFields.Offer: i18n.NewError("booking_offer_closed", nil)}
	}
}
