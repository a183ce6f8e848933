package federation_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/federation"
	s "github.com/maillage/maillage/schema"
)

// fakeClock is the queue's clock in tests: it moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// useFakeClock makes the queue's clock a fake one from now until the test ends.
func useFakeClock(t *testing.T) *fakeClock {
	c := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	t.Cleanup(federation.UseClockForTest(c.now))
	return c
}

// queued reads the only queued delivery.
func (w *world) queued(t *testing.T) *core.Record {
	t.Helper()
	rows, err := w.app.FindAllRecords(s.FederationDeliveries)
	if err != nil || len(rows) != 1 {
		t.Fatalf("%d queued deliveries (%v), want 1", len(rows), err)
	}
	return rows[0]
}

// queueLength counts the queued deliveries.
func (w *world) queueLength(t *testing.T) int {
	t.Helper()
	n, err := w.app.CountRecords(s.FederationDeliveries)
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// startFederated serves a world whose application URL is its loopback address, with the
// clients of tests (which reach loopback).
func startFederated(t *testing.T, client *http.Client) (*world, string) {
	t.Cleanup(federation.UseClientForTest(client))
	w := newWorld(t)
	site := w.start(t)
	w.app.Settings().Meta.AppURL = site
	return w, site
}

// TestDeliveryRetriedWithBackoff: an inbox that fails twice gets the Create at the third
// attempt, once: each failure is kept with its count and error, due after the next delay of
// the backoff (1 min, then 5 min) and not before; once accepted, the delivery leaves the queue
// and the next activity the inbox receives is the next event's.
func TestDeliveryRetriedWithBackoff(t *testing.T) {
	clk, heard := useFakeClock(t), hearAttempts(t)
	w, site := startFederated(t, http.DefaultClient)
	r := newReceiver(t, 2)
	r.territory = rsaKey(t, w.activity(t, "/federation/territory")["publicKey"].(map[string]any)["publicKeyPem"].(string))
	w.follow(t, r.actorURL("", "1"), r.inboxURL("", "1"))
	ev := w.add(t, s.Events, map[string]any{"title": "Atelier vélo"})
	for n, wait := range []time.Duration{time.Minute, 5 * time.Minute} {
		if a := <-heard; a.attempts != n+1 || a.err == nil {
			t.Fatalf("attempt %d: %+v, want a failure", n+1, a)
		}
		row := w.queued(t)
		if due := row.GetDateTime(s.DeliveryFields.Due).Time(); !due.Equal(clk.now().Add(wait)) || row.GetInt(s.DeliveryFields.Attempts) != n+1 ||
			row.GetString(s.DeliveryFields.Error) != "status 503" {
			t.Fatalf("after attempt %d: due %v (now %v), attempts %d, error %q", n+1, due, clk.now(), row.GetInt(s.DeliveryFields.Attempts), row.GetString(s.DeliveryFields.Error))
		}
		clk.advance(wait - time.Second)
		if n := federation.DueForTest(w.app); n != 0 {
			t.Fatalf("%d deliveries due before their delay", n)
		}
		clk.advance(time.Second)
		federation.WakeForTest(w.app)
	}
	if a := <-heard; a.attempts != 3 || a.err != nil {
		t.Fatalf("third attempt: %+v, want a success", a)
	}
	if n := w.queueLength(t); n != 0 {
		t.Fatalf("%d deliveries left after the success", n)
	}
	w.add(t, s.Events, map[string]any{"title": "Fête de quartier"})
	if a := <-heard; a.err != nil {
		t.Fatalf("next delivery: %+v", a)
	}
	got := r.accepted()
	if len(got) != 2 || r.total() != 4 || got[0].sigErr != nil || got[1].sigErr != nil {
		t.Fatalf("%d accepted of %d received: %+v", len(got), r.total(), got)
	}
	first, second := got[0].activity["object"].(map[string]any), got[1].activity["object"].(map[string]any)
	if first["id"] != site+"/federation/objects/events/"+ev.Id || second["name"] != "Fête de quartier" {
		t.Fatalf("accepted %v then %v", first["id"], second["name"])
	}
}

// TestDeliveryDropped: an inbox that always fails is tried once and after each of the five
// delays, then the delivery is dropped; one that refuses (410 Gone) is dropped at once.
func TestDeliveryDropped(t *testing.T) {
	clk, heard := useFakeClock(t), hearAttempts(t)
	w, _ := startFederated(t, http.DefaultClient)
	down, gone := newReceiver(t, 1000), newReceiver(t, 1000)
	gone.refuse = http.StatusGone
	w.follow(t, down.actorURL("", "1"), down.inboxURL("", "1"))
	w.follow(t, gone.actorURL("", "1"), gone.inboxURL("", "1"))
	w.add(t, s.Events, map[string]any{"title": "Atelier vélo"})
	for n := range len(federation.Backoff()) + 1 {
		for range 2 - min(n, 1) { // both inboxes at first, then the one down
			if a := <-heard; a.err == nil {
				t.Fatalf("attempt %d succeeded", n+1)
			}
		}
		if n < len(federation.Backoff()) {
			clk.advance(federation.Backoff()[n])
			federation.WakeForTest(w.app)
		}
	}
	if down.total() != 6 || gone.total() != 1 || w.queueLength(t) != 0 {
		t.Fatalf("down tried %d times (want 6), gone %d (want 1), %d left in the queue", down.total(), gone.total(), w.queueLength(t))
	}
}
