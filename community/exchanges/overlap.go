package exchanges

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// No two confirmed bookings of an offer overlap. The check runs where the write runs
// (OnRecord*Execute), inside one transaction with it: SQLite has one writer, so a second
// confirmation of the same dates waits for the first to commit and then sees it. A new request
// over confirmed dates is refused too (pushed from an offline phone, it comes back to its
// author as a rejected mutation and a syncConflicts row with this reason). Confirming a booking
// declines the requests of the same dates, with the reason datesTaken (its author sees why;
// the owner may still confirm such a request if the dates become free again).

// OverlapHook is the id of the check on bookings' create and update execute hooks (a test
// unbinds it to show what the check prevents).
const OverlapHook = "maillageBookingOverlaps"

// bindOverlaps checks the dates of new requests and confirmations inside their write.
func bindOverlaps(app core.App) {
	check := func(e *core.RecordEvent) error {
		if !claimsDates(e.Record) {
			return e.Next()
		}
		return inTransaction(e, func() error { return writeClaim(e) })
	}
	app.OnRecordCreateExecute(s.Bookings).Bind(&hook.Handler[*core.RecordEvent]{Id: OverlapHook, Func: check})
	app.OnRecordUpdateExecute(s.Bookings).Bind(&hook.Handler[*core.RecordEvent]{Id: OverlapHook, Func: check})
}

// claimsDates reports whether saving booking rec needs its dates free: a new request, or a
// confirmation.
func claimsDates(rec *core.Record) bool {
	status := rec.GetString(s.BookingFields.Status)
	if rec.IsNew() {
		return status == s.BookingRequested || status == s.BookingConfirmed
	}
	return status == s.BookingConfirmed && rec.Original().GetString(s.BookingFields.Status) != s.BookingConfirmed
}

// inTransaction runs fn with e.App inside a transaction: the one e runs in, or a new one.
func inTransaction(e *core.RecordEvent, fn func() error) error {
	if e.App.IsTransactional() {
		return fn()
	}
	original := e.App
	defer func() { e.App = original }()
	return original.RunInTransaction(func(tx core.App) error {
		e.App = tx
		return fn()
	})
}

// writeClaim checks, inside the write's transaction, that the booking's dates are free and its
// status may still move, writes it, and declines the requests a confirmation overlaps.
func writeClaim(e *core.RecordEvent) error {
	if err := checkFree(e.App, e.Record); err != nil {
		return err
	}
	if err := checkFreshStatus(e.App, e.Record); err != nil {
		return err
	}
	if err := e.Next(); err != nil {
		return err
	}
	if e.Record.GetString(s.BookingFields.Status) != s.BookingConfirmed {
		return nil
	}
	return declineOverlapping(e.App, e.Record)
}

// checkFreshStatus checks the status move from the stored row, which a concurrent write may
// have changed since the record was read.
func checkFreshStatus(tx core.App, rec *core.Record) error {
	if rec.IsNew() {
		return nil
	}
	stored, err := tx.FindRecordById(s.Bookings, rec.Id)
	if err != nil {
		return fmt.Errorf("read booking %s: %w", rec.Id, err)
	}
	f := s.BookingFields
	if err := bookingTransition(stored.GetString(f.Status), stored.GetString(f.Reason), rec.GetString(f.Status)); err != nil {
		return validation.Errors{f.Status: err}
	}
	rec.Set(f.Reason, "") // a confirmed booking was not declined
	return nil
}

// checkFree refuses rec when a confirmed booking of its offer overlaps its dates.
func checkFree(tx core.App, rec *core.Record) error {
	taken, err := overlapping(tx, rec, s.BookingConfirmed, 1)
	if err != nil || len(taken) == 0 {
		return err
	}
	f := s.BookingFields
	return validation.Errors{f.Start: i18n.NewError("booking_dates_taken", map[string]any{
		"start": day(taken[0].GetDateTime(f.Start).Time(), false), "end": day(taken[0].GetDateTime(f.End).Time(), true),
	})}
}

// declineOverlapping declines the requests of the same offer whose dates confirmed overlaps.
func declineOverlapping(tx core.App, confirmed *core.Record) error {
	requests, err := overlapping(tx, confirmed, s.BookingRequested, 0)
	if err != nil {
		return err
	}
	for _, r := range requests {
		r.Set(s.BookingFields.Status, s.BookingDeclined)
		r.Set(s.BookingFields.Reason, s.BookingReasonDatesTaken)
		if err := tx.Save(r); err != nil {
			return fmt.Errorf("decline booking %s: %w", r.Id, err)
		}
	}
	return nil
}

// overlapping returns the other bookings of rec's offer with status whose dates overlap rec's
// ([start, end) intervals), at most limit of them (0: all).
func overlapping(tx core.App, rec *core.Record, status string, limit int) ([]*core.Record, error) {
	f := s.BookingFields
	found, err := tx.FindRecordsByFilter(s.Bookings,
		f.Offer+" = {:offer} && "+f.Status+" = {:status} && id != {:id} && "+f.Start+" < {:end} && "+f.End+" > {:start}",
		f.Start, limit, 0, dbx.Params{"offer": rec.GetString(f.Offer), "status": status, "id": rec.Id,
			"start": rec.GetDateTime(f.Start).String(), "end": rec.GetDateTime(f.End).String()})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find bookings over the dates of %s: %w", rec.Id, err)
	}
	return found, nil
}

// day writes t's date. Bookings of days run from one midnight (UTC) to the midnight after
// their last day, so an end is written as the day before it when it falls at midnight.
func day(t time.Time, isEnd bool) string {
	if isEnd && t.Equal(t.Truncate(24*time.Hour)) {
		t = t.Add(-time.Nanosecond)
	}
	return t.UTC().Format(time.DateOnly)
}
