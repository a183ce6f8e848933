package exchanges_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/community/exchanges"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// TestBookingRefusals: each refusal of a booking's dates, offer or status answers with its
// code, beside its field.
func TestBookingRefusals(t *testing.T) {
	w := newWorld(t)
	drill, gift := w.offer(t, s.ModeLoan), w.offer(t, "gift")
	confirmed := w.booking(t, drill, w.other, "2030-05-01", "2030-05-04")
	if status, body := patch(t, w.owner, confirmed, map[string]any{"status": "confirmed"}); status != 200 {
		t.Fatalf("confirm: %d %s", status, body)
	}
	ask := func(offer *core.Record, start, end string) map[string]any {
		return map[string]any{"offer": offer.Id, "author": w.interested.ID(), "start": start, "end": end}
	}
	cases := []struct {
		name, field, code string
		body              map[string]any
	}{
		{"end before start", "end", "booking_end_before_start", ask(drill, "2030-06-03 00:00:00Z", "2030-06-01 00:00:00Z")},
		{"a gift is not booked", "offer", "booking_offer_not_bookable", ask(gift, "2030-06-01 00:00:00Z", "2030-06-02 00:00:00Z")},
		{"over confirmed dates", "start", "booking_dates_taken", ask(drill, "2030-05-03 00:00:00Z", "2030-05-06 00:00:00Z")},
	}
	for _, c := range cases {
		status, data, err := w.interested.Call(http.MethodPost, recordPath(s.Bookings, ""), c.body)
		if err != nil || status != http.StatusBadRequest || errorCode(string(data), c.field) != c.code {
			t.Errorf("%s: got %d %s %v, want 400 with %s on %s", c.name, status, data, err, c.code, c.field)
		}
	}
	_, data, _ := w.interested.Call(http.MethodPost, recordPath(s.Bookings, ""), cases[2].body)
	mustContain(t, "dates taken", string(data), "2030-05-01", "2030-05-03") // the last day, not the end's midnight
	// Control: the day the confirmed booking ends is free.
	if status, data, _ := w.interested.Call(http.MethodPost, recordPath(s.Bookings, ""), ask(drill, "2030-05-04 00:00:00Z", "2030-05-05 00:00:00Z")); status != 200 {
		t.Errorf("control, the next day: got %d %s", status, data)
	}
	status, body := patch(t, w.other, confirmed, map[string]any{"status": "cancelled"})
	if status != 200 {
		t.Fatalf("cancel: %d %s", status, body)
	}
	status, body = patch(t, w.owner, confirmed, map[string]any{"status": "confirmed"})
	if status != http.StatusBadRequest || errorCode(body, "status") != "booking_transition" {
		t.Errorf("confirm a cancelled booking: got %d %s, want 400 booking_transition", status, body)
	}
}

// TestConfirmDeclinesOverlappingRequests: two people asked for the same days; the owner
// confirms one, and the other request is declined with the reason datesTaken, which its author
// reads.
func TestConfirmDeclinesOverlappingRequests(t *testing.T) {
	w := newWorld(t)
	drill := w.offer(t, s.ModeRental)
	first := w.booking(t, drill, w.interested, "2030-05-01", "2030-05-04")
	second := w.booking(t, drill, w.other, "2030-05-03", "2030-05-05")
	apart := w.booking(t, drill, w.other, "2030-05-10", "2030-05-11")
	if status, body := patch(t, w.owner, first, map[string]any{"status": "confirmed"}); status != 200 {
		t.Fatalf("confirm: %d %s", status, body)
	}
	var seen struct{ Status, Reason string }
	w.other.MustCall(t, http.MethodGet, recordPath(s.Bookings, second.Id), nil, &seen)
	if seen.Status != s.BookingDeclined || seen.Reason != s.BookingReasonDatesTaken {
		t.Errorf("overlapping request as its author reads it: %+v, want declined for datesTaken", seen)
	}
	if got := w.reload(t, apart).GetString("status"); got != s.BookingRequested {
		t.Errorf("request of other dates: %q, want still requested", got)
	}
	status, body := patch(t, w.owner, w.reload(t, second), map[string]any{"status": "confirmed"})
	if status != http.StatusBadRequest || errorCode(body, "start") != "booking_dates_taken" {
		t.Errorf("confirm the declined request while the dates are taken: %d %s", status, body)
	}
	if status, body := patch(t, w.interested, first, map[string]any{"status": "cancelled"}); status != 200 {
		t.Fatalf("cancel the confirmed booking: %d %s", status, body)
	}
	if status, body := patch(t, w.owner, w.reload(t, second), map[string]any{"status": "confirmed"}); status != 200 {
		t.Errorf("confirm the declined request once the dates are free: %d %s", status, body)
	}
	if got := w.reload(t, second); got.GetString("status") != s.BookingConfirmed || got.GetString("reason") != "" {
		t.Errorf("re-confirmed request: status %q reason %q, want confirmed with no reason", got.GetString("status"), got.GetString("reason"))
	}
}

// TestConcurrentConfirmations: the owner confirms two overlapping requests at once, many
// times over; exactly one is confirmed each time. The negative control unbinds the check and
// shows that the test then sees two confirmed bookings.
func TestConcurrentConfirmations(t *testing.T) {
	if got := confirmRace(t, false); got != 1 {
		t.Errorf("confirmed bookings of the same days: %d, want 1", got)
	}
}

func TestConcurrentConfirmationsNegativeControl(t *testing.T) {
	if got := confirmRace(t, true); got != 2 {
		t.Errorf("without the overlap check: %d confirmed, want 2 (the race test would not notice)", got)
	}
}

// confirmRace runs rounds of two concurrent confirmations of overlapping requests and returns
// the most bookings confirmed over the same days in a round.
func confirmRace(t *testing.T, unchecked bool) int {
	w := newWorld(t)
	if unchecked {
		w.srv.App.OnRecordCreateExecute(s.Bookings).Unbind(exchanges.OverlapHook)
		w.srv.App.OnRecordUpdateExecute(s.Bookings).Unbind(exchanges.OverlapHook)
	}
	most := 0
	for round := 0; round < 8; round++ {
		drill := w.offer(t, s.ModeLoan)
		pair := []*core.Record{w.booking(t, drill, w.interested, "2030-05-01", "2030-05-04"),
			w.booking(t, drill, w.other, "2030-05-02", "2030-05-03")}
		var wg sync.WaitGroup
		for _, b := range pair {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, _ = w.owner.Call(http.MethodPatch, recordPath(s.Bookings, b.Id), map[string]any{"status": "confirmed"})
			}()
		}
		wg.Wait()
		n, err := w.srv.App.CountRecords(s.Bookings, dbx.HashExp{"offer": drill.Id, "status": s.BookingConfirmed})
		if err != nil {
			t.Fatal(err)
		}
		most = max(most, int(n))
	}
	return most
}

// TestBusyDates: anyone who may read an offer reads its confirmed dates, without who booked
// them; an offer they may not read is not found.
func TestBusyDates(t *testing.T) {
	w := newWorld(t)
	drill := w.offer(t, s.ModeLoan)
	taken := w.booking(t, drill, w.interested, "2030-09-01", "2030-09-03")
	w.booking(t, drill, w.other, "2030-09-10", "2030-09-12") // only requested
	if status, body := patch(t, w.owner, taken, map[string]any{"status": "confirmed"}); status != 200 {
		t.Fatalf("confirm: %d %s", status, body)
	}
	path := strings.Replace(exchanges.PathBusy, "{id}", drill.Id, 1)
	status, data, _ := w.anonymous.Call(http.MethodGet, path, nil)
	want := `{"busy":[{"start":"2030-09-01 00:00:00.000Z","end":"2030-09-03 00:00:00.000Z"}]}`
	if status != 200 || strings.TrimSpace(string(data)) != want {
		t.Errorf("busy dates: %d %s, want %s", status, data, want)
	}
	drill.Set(s.FieldVisibility, s.VisibilityPrivate)
	if err := w.srv.App.Save(drill); err != nil {
		t.Fatal(err)
	}
	if status, data, _ := w.other.Call(http.MethodGet, path, nil); status != http.StatusNotFound {
		t.Errorf("busy dates of a private offer, as someone else: %d %s, want 404", status, data)
	}
}

// TestCurrencyNameIsAdvertised: --currency-name reaches the PWA's settings.
func TestCurrencyNameIsAdvertised(t *testing.T) {
	srv := synctest.Start(t, server.Config{Exchanges: exchanges.Config{CurrencyName: "la Pêche"}})
	var cfg server.PublicConfig
	srv.Anonymous().MustCall(t, http.MethodGet, server.PathConfig, nil, &cfg)
	if cfg.CurrencyName != "la Pêche" {
		t.Errorf("currencyName %q, want la Pêche", cfg.CurrencyName)
	}
}
