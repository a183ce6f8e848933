package exchanges_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// Offline phones and bookings, through the sync push (docs/exchanges.md): a request over dates
// already confirmed comes back to its author as a rejected mutation with the reason, kept in
// syncConflicts, which their devices pull; two requests of the same days both wait for the
// owner, and the one the owner does not confirm is declined with the reason datesTaken.

// pushBooking pushes the creation of a booking of offer by u (one mutation) and returns its
// result and the booking's id.
func pushBooking(t *testing.T, u *synctest.User, offer *core.Record, start, end string) (ms.Result, string) {
	t.Helper()
	id := synctest.NewID()
	res := u.Push(t, ms.PushRequest{Mutations: []ms.Mutation{{Mseq: 1, C: s.Bookings, ID: id, Op: ms.OpCreate,
		Fields: raw(t, map[string]any{"offer": offer.Id, "author": u.ID(), "start": start + " 00:00:00.000Z",
			"end": end + " 00:00:00.000Z", "status": s.BookingRequested})}}})
	if len(res.Results) != 1 {
		t.Fatalf("push: %d results, want 1", len(res.Results))
	}
	return res.Results[0], id
}

func raw(t *testing.T, fields map[string]any) map[string]json.RawMessage {
	t.Helper()
	out := map[string]json.RawMessage{}
	for k, v := range fields {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[k] = b
	}
	return out
}

// TestOfflineRequestOverConfirmedDates: the owner confirmed the interested person's booking
// while another phone, offline, asked for some of the same days; when that phone pushes, its
// request is rejected with the reason, and the conflict row reaches that person's devices.
func TestOfflineRequestOverConfirmedDates(t *testing.T) {
	w := newWorld(t)
	drill := w.offer(t, s.ModeLoan)
	first, _ := pushBooking(t, w.interested, drill, "2030-07-01", "2030-07-05")
	if first.Status != ms.StatusApplied {
		t.Fatalf("first request: %+v", first)
	}
	var booking struct{ ID string }
	_ = json.Unmarshal(first.R, &booking)
	if status, body := patch(t, w.owner, w.reload(t, recordByID(t, w, booking.ID)), map[string]any{"status": "confirmed"}); status != 200 {
		t.Fatalf("confirm: %d %s", status, body)
	}
	w.other.Lang = "en"
	late, id := pushBooking(t, w.other, drill, "2030-07-04", "2030-07-06")
	if late.Status != ms.StatusRejected || len(late.Conflicts) != 1 || late.Conflicts[0].Kind != s.ConflictRejected {
		t.Fatalf("late request: %+v, want rejected with one conflict row", late)
	}
	mustContain(t, "reason beside the start", late.FieldErrors["start"], "already booked", "2030-07-01", "2030-07-04")
	if _, err := w.srv.App.FindRecordById(s.Bookings, id); err == nil {
		t.Errorf("the rejected booking %s was written", id)
	}
	pulled := w.other.Device().PullAll(t, "", s.SyncConflicts)
	rows := synctest.IDs(pulled.Changes, s.SyncConflicts, "put")
	if len(rows) != 1 || rows[0] != late.Conflicts[0].ID {
		t.Errorf("conflict rows pulled by the late requester's other device: %v, want [%s]", rows, late.Conflicts[0].ID)
	}
	if rows := synctest.IDs(w.interested.PullAll(t, "", s.SyncConflicts).Changes, s.SyncConflicts, "put"); len(rows) != 0 {
		t.Errorf("the first requester pulled someone else's conflict rows: %v", rows)
	}
	// Control: the day after the confirmed booking, the same push is applied.
	if next, _ := pushBooking(t, w.other.Device(), drill, "2030-07-05", "2030-07-06"); next.Status != ms.StatusApplied {
		t.Errorf("control, free dates: %+v", next)
	}
}

// TestTwoOfflinePhonesBookTheSameDays: both requests are kept for the owner to choose; the
// owner, offline too, confirms both; the later confirmation comes back to the owner as a
// conflict, and the request not chosen is declined (datesTaken) for its author to see.
func TestTwoOfflinePhonesBookTheSameDays(t *testing.T) {
	w := newWorld(t)
	drill := w.offer(t, s.ModeRental)
	a, idA := pushBooking(t, w.interested, drill, "2030-08-01", "2030-08-04")
	b, idB := pushBooking(t, w.other, drill, "2030-08-02", "2030-08-03")
	if a.Status != ms.StatusApplied || b.Status != ms.StatusApplied {
		t.Fatalf("requests: %+v %+v, want both applied (the owner chooses)", a, b)
	}
	confirm := func(mseq int64, id string) ms.Mutation {
		return ms.Mutation{Mseq: mseq, C: s.Bookings, ID: id, Op: ms.OpUpdate, BaseRev: 1,
			Base: raw(t, map[string]any{"status": s.BookingRequested}), Fields: raw(t, map[string]any{"status": s.BookingConfirmed})}
	}
	res := w.owner.Push(t, ms.PushRequest{Mutations: []ms.Mutation{confirm(1, idA), confirm(2, idB)}})
	if res.Results[0].Status != ms.StatusApplied {
		t.Fatalf("owner's first confirmation: %+v", res.Results[0])
	}
	// The first confirmation declined the second request, so the owner's second change meets a
	// status changed since its base: a conflict on status, the server's value kept, the owner's
	// in syncConflicts.
	late := res.Results[1]
	if late.Status != ms.StatusConflict || len(late.Conflicts) != 1 || late.Conflicts[0].Field != "status" {
		t.Fatalf("owner's later confirmation: status %s conflicts %+v, want a conflict on status", late.Status, late.Conflicts)
	}
	if n, _ := w.srv.App.CountRecords(s.Bookings, dbx.HashExp{"offer": drill.Id, "status": s.BookingConfirmed}); n != 1 {
		t.Errorf("confirmed bookings of the same days: %d, want 1", n)
	}
	if rows := synctest.IDs(w.owner.Device().PullAll(t, "", s.SyncConflicts).Changes, s.SyncConflicts, "put"); len(rows) != 1 {
		t.Errorf("conflict rows the owner's devices pull: %v, want 1", rows)
	}
	var seen struct{ Status, Reason string }
	w.other.MustCall(t, http.MethodGet, recordPath(s.Bookings, idB), nil, &seen)
	if seen.Status != s.BookingDeclined || seen.Reason != s.BookingReasonDatesTaken {
		t.Errorf("the request not chosen, as its author reads it: %+v", seen)
	}
	changes := w.other.Device().PullAll(t, "", s.Bookings).Changes
	if ids := synctest.IDs(changes, s.Bookings, "put"); len(ids) != 1 || ids[0] != idB {
		t.Errorf("bookings pulled by the second requester: %v, want only [%s]", ids, idB)
	}
}

func recordByID(t *testing.T, w *world, id string) *core.Record {
	t.Helper()
	r, err := w.srv.App.FindRecordById(s.Bookings, id)
	if err != nil {
		t.Fatalf("booking %s: %v", id, err)
	}
	return r
}
