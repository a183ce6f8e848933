package federation_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/maillage/maillage/federation"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// TestDeliverySharedInbox: two followers whose actors name the same shared inbox receive an
// activity there once; a third, on a server with no shared inbox, at its own inbox; a shared
// inbox of another server (elsewhere.example) is another inbox.
func TestDeliverySharedInbox(t *testing.T) {
	heard := hearAttempts(t)
	w, _ := startFederated(t, loopbackClient())
	mastodon, single := newReceiver(t, 0), newReceiver(t, 0)
	mastodon.shared = true
	w.follow(t, mastodon.actorURL("", "1"), mastodon.inboxURL("", "1"))
	w.follow(t, mastodon.actorURL("", "2"), mastodon.inboxURL("", "2"))
	w.follow(t, single.actorURL("", "1"), single.inboxURL("", "1"))
	w.follow(t, mastodon.actorURL("elsewhere.example", "3"), mastodon.inboxURL("elsewhere.example", "3"))
	w.add(t, s.Events, map[string]any{"title": "Atelier vélo"})
	for range 3 {
		if a := <-heard; a.err != nil {
			t.Fatalf("attempt: %+v", a)
		}
	}
	if n := w.queueLength(t); n != 0 {
		t.Fatalf("%d deliveries left", n)
	}
	paths := map[string]int{}
	for _, d := range append(mastodon.accepted(), single.accepted()...) {
		paths[d.path]++
	}
	if len(paths) != 2 || paths["/shared"] != 2 || paths["/inbox/1"] != 1 { // /shared of 127.0.0.1 and of elsewhere.example
		t.Fatalf("deliveries by path: %v", paths)
	}
}

// TestDeliveryNeverBlocksWrite: with twelve followers whose inboxes hang, saving a public event
// returns at once, and never more than four deliveries run at the same time; all twelve then
// succeed.
func TestDeliveryNeverBlocksWrite(t *testing.T) {
	heard := hearAttempts(t)
	w, _ := startFederated(t, http.DefaultClient)
	r := newReceiver(t, 0)
	r.hold = make(chan struct{})
	for n := range 12 {
		w.follow(t, r.actorURL("", fmt.Sprint(n)), r.inboxURL("", fmt.Sprint(n)))
	}
	w.add(t, s.Events, map[string]any{"title": "Atelier vélo"}) // returns while every inbox hangs
	for range 4 {
		<-r.arrived
	}
	for range 12 {
		r.hold <- struct{}{}
		if a := <-heard; a.err != nil {
			t.Fatalf("attempt: %+v", a)
		}
	}
	if r.maxActive != 4 || len(r.accepted()) != 12 {
		t.Fatalf("%d deliveries at once (want 4), %d accepted (want 12)", r.maxActive, len(r.accepted()))
	}
}

// TestDeliveryPendingAtStart: a delivery a previous run left in the queue is sent once the
// server starts.
func TestDeliveryPendingAtStart(t *testing.T) {
	heard := hearAttempts(t)
	t.Cleanup(federation.UseClientForTest(http.DefaultClient))
	w := newWorld(t)
	r := newReceiver(t, 0)
	testapp.NewRecord(t, w.app, s.FederationDeliveries, map[string]any{
		s.DeliveryFields.Inbox: r.inboxURL("", "1"), s.DeliveryFields.Attempts: 2,
		s.DeliveryFields.Activity: map[string]any{"type": "Create", "id": "http://example.com/x#create"},
		s.DeliveryFields.Due:      "2026-01-01 00:00:00.000Z",
	})
	site := w.start(t)
	w.app.Settings().Meta.AppURL = site
	federation.WakeForTest(w.app)
	if a := <-heard; a.err != nil || a.attempts != 3 {
		t.Fatalf("attempt: %+v", a)
	}
	if got := r.accepted(); len(got) != 1 || got[0].activity["type"] != "Create" || w.queueLength(t) != 0 {
		t.Fatalf("accepted %v, %d left", got, w.queueLength(t))
	}
}

// TestSharedInboxForgotten: a follower's kept shared inbox is forgotten when its inbox changes,
// and kept when something else changes (control).
func TestSharedInboxForgotten(t *testing.T) {
	w := newWorld(t)
	f := testapp.NewRecord(t, w.app, s.FederationFollowers, map[string]any{s.FollowerFields.Actor: "https://a.example/u",
		s.FollowerFields.Inbox: "https://a.example/u/inbox", s.FollowerSharedInbox: "https://a.example/inbox"})
	f, _ = w.app.FindRecordById(s.FederationFollowers, f.Id) // as stored, with its original state
	f.Set(s.FollowerFields.Follow, "https://a.example/u#follow-2")
	if err := w.app.Save(f); err != nil || f.GetString(s.FollowerSharedInbox) == "" {
		t.Fatalf("another change: %v, shared inbox %q", err, f.GetString(s.FollowerSharedInbox))
	}
	f, _ = w.app.FindRecordById(s.FederationFollowers, f.Id)
	f.Set(s.FollowerFields.Inbox, "https://b.example/u/inbox")
	if err := w.app.Save(f); err != nil || f.GetString(s.FollowerSharedInbox) != "" {
		t.Fatalf("inbox changed: %v, shared inbox %q", err, f.GetString(s.FollowerSharedInbox))
	}
}
