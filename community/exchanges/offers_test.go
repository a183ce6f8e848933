package exchanges_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/maillage/maillage/community/exchanges"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// TestOfferLife takes an offer from open to reserved for the person who wrote about it, then
// to done, through the REST API as its author; every refused move answers with its code.
func TestOfferLife(t *testing.T) {
	w := newWorld(t)
	offer := w.offer(t, "gift")
	if got := offer.GetString(s.OfferFields.State); got != s.OfferOpen {
		t.Fatalf("new offer state %q, want open", got)
	}
	refusals := []struct {
		name, field, code string
		body              map[string]any
	}{
		{"reserved for nobody", s.OfferFields.State, "", map[string]any{"state": "reserved"}},
		{"reserved for someone with no conversation", s.FieldReservedFor, "offer_reserved_for_no_conversation",
			map[string]any{"state": "reserved", "reservedFor": w.interested.ID()}},
		{"reserved for its author", s.FieldReservedFor, "offer_reserved_for_author",
			map[string]any{"state": "reserved", "reservedFor": w.owner.ID()}},
		{"expired by hand", s.OfferFields.State, "offer_expired_by_server", map[string]any{"state": "expired"}},
	}
	refusals[0].field, refusals[0].code = s.FieldReservedFor, "offer_reserved_for_missing"
	for _, r := range refusals {
		status, body := patch(t, w.owner, offer, r.body)
		if status != http.StatusBadRequest || errorCode(body, r.field) != r.code {
			t.Errorf("%s: got %d %s, want 400 with %s on %s", r.name, status, body, r.code, r.field)
		}
	}
	w.conversation(t, offer, w.interested)
	if status, body := patch(t, w.owner, offer, map[string]any{"state": "reserved", "reservedFor": w.interested.ID()}); status != 200 {
		t.Fatalf("reserve for the interested person: %d %s", status, body)
	}
	if status, body := patch(t, w.owner, offer, map[string]any{"state": "done"}); status != 200 {
		t.Fatalf("mark done: %d %s", status, body)
	}
	got := w.reload(t, offer)
	if got.GetString("state") != s.OfferDone || got.GetString(s.FieldReservedFor) != w.interested.ID() {
		t.Errorf("after done: state %q reservedFor %q, want done for %s", got.GetString("state"), got.GetString(s.FieldReservedFor), w.interested.ID())
	}
	status, body := patch(t, w.owner, offer, map[string]any{"state": "open"})
	if status != http.StatusBadRequest || errorCode(body, "state") != "offer_state_transition" {
		t.Errorf("reopen a done offer: got %d %s, want 400 offer_state_transition", status, body)
	}
	w.owner.Lang = "en"
	_, body = patch(t, w.owner, offer, map[string]any{"state": "withdrawn"})
	mustContain(t, "the reason in English", body, "This offer is done")
}

// TestReservedForNeedsTheAuthorInTheConversation: a conversation about the offer between the
// interested person and someone else does not let the author reserve it for them.
func TestReservedForNeedsTheAuthorInTheConversation(t *testing.T) {
	w := newWorld(t)
	offer := w.offer(t, "gift")
	w.save(t, "conversations", map[string]any{"participants": []string{w.interested.ID(), w.other.ID()},
		s.FieldAuthor: w.interested.ID(), "offer": offer.Id})
	status, body := patch(t, w.owner, offer, map[string]any{"state": "reserved", "reservedFor": w.interested.ID()})
	if status != http.StatusBadRequest || errorCode(body, s.FieldReservedFor) != "offer_reserved_for_no_conversation" {
		t.Errorf("got %d %s, want 400 offer_reserved_for_no_conversation", status, body)
	}
	// Control: with the author in a conversation about it, the same change passes.
	w.conversation(t, offer, w.interested)
	if status, body := patch(t, w.owner, offer, map[string]any{"state": "reserved", "reservedFor": w.interested.ID()}); status != 200 {
		t.Errorf("control: got %d %s, want 200", status, body)
	}
}

// TestReservedForIsPrivate: whom an offer is reserved for is shown to its author, that person
// and moderators, and to nobody else (REST).
func TestReservedForIsPrivate(t *testing.T) {
	w := newWorld(t)
	offer := w.offer(t, "gift")
	w.conversation(t, offer, w.interested)
	if status, body := patch(t, w.owner, offer, map[string]any{"state": "reserved", "reservedFor": w.interested.ID()}); status != 200 {
		t.Fatalf("reserve: %d %s", status, body)
	}
	for _, c := range []struct {
		name string
		sees bool
	}{{"owner", true}, {"interested", true}, {"moderator", true}, {"other", false}, {"anonymous", false}} {
		u := map[string]*synctest.User{"owner": w.owner, "interested": w.interested, "moderator": w.moderator, "other": w.other, "anonymous": w.anonymous}[c.name]
		var got struct {
			ReservedFor string `json:"reservedFor"`
			State       string `json:"state"`
		}
		u.MustCall(t, http.MethodGet, recordPath(s.Offers, offer.Id), nil, &got)
		if sees := got.ReservedFor == w.interested.ID(); sees != c.sees || got.State != s.OfferReserved {
			t.Errorf("%s: reservedFor %q state %q, want seen=%v", c.name, got.ReservedFor, got.State, c.sees)
		}
	}
}

// TestExpireOffers: the cron job's work expires the open and reserved offers past their date,
// and only those; an expired offer reopens only with a date to come.
func TestExpireOffers(t *testing.T) {
	w := newWorld(t)
	past, future := "2020-01-01 00:00:00.000Z", "2999-01-01 00:00:00.000Z"
	due := w.offer(t, "gift")
	later := w.offer(t, "gift")
	none := w.offer(t, "gift")
	withdrawn := w.offer(t, "gift")
	for rec, fields := range map[string]map[string]any{due.Id: {"expires": past}, later.Id: {"expires": future},
		withdrawn.Id: {"expires": past, "state": "withdrawn"}} {
		r, _ := w.srv.App.FindRecordById(s.Offers, rec)
		r.Load(fields)
		if err := w.srv.App.Save(r); err != nil {
			t.Fatalf("set up %s: %v", rec, err)
		}
	}
	n, err := exchanges.ExpireOffers(w.srv.App, time.Now())
	if err != nil || n != 1 {
		t.Fatalf("ExpireOffers: %d, %v; want 1 offer expired", n, err)
	}
	want := map[string]string{due.Id: s.OfferExpired, later.Id: s.OfferOpen, none.Id: s.OfferOpen, withdrawn.Id: s.OfferWithdrawn}
	for id, state := range want {
		got, err := w.srv.App.FindRecordById(s.Offers, id)
		if err != nil || got.GetString("state") != state {
			t.Errorf("offer %s: %v, want state %q", id, got, state)
		}
	}
	status, body := patch(t, w.owner, due, map[string]any{"state": "open"})
	if status != http.StatusBadRequest || errorCode(body, "state") != "offer_expires_past" {
		t.Errorf("reopen with a past date: got %d %s, want 400 offer_expires_past", status, body)
	}
	if status, body := patch(t, w.owner, due, map[string]any{"state": "open", "expires": future}); status != 200 {
		t.Errorf("reopen with a date to come: got %d %s", status, body)
	}
}

// TestExpiryJobIsScheduled: the job is in the app's cron, and running it expires offers.
func TestExpiryJobIsScheduled(t *testing.T) {
	w := newWorld(t)
	offer := w.offer(t, "gift")
	offer.Set("expires", "2020-01-01 00:00:00.000Z")
	if err := w.srv.App.Save(offer); err != nil {
		t.Fatal(err)
	}
	for _, job := range w.srv.App.Cron().Jobs() {
		if job.Id() == exchanges.ExpiryJob {
			job.Run()
			if got := w.reload(t, offer).GetString("state"); got != s.OfferExpired {
				t.Errorf("after the job: state %q, want expired", got)
			}
			return
		}
	}
	t.Fatalf("no cron job %s", exchanges.ExpiryJob)
}
