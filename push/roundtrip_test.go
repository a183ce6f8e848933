package push_test

import (
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/push"
	"github.com/maillage/maillage/push/pushtest"
	s "github.com/maillage/maillage/schema"
)

// converse opens a conversation between author and others through the REST API and returns
// its id.
func converse(t *testing.T, author *synctest.User, others ...*synctest.User) string {
	t.Helper()
	ids := []string{author.ID()}
	for _, o := range others {
		ids = append(ids, o.ID())
	}
	var conv struct{ ID string }
	author.MustCall(t, http.MethodPost, "/api/collections/"+s.Conversations+"/records",
		map[string]any{s.FieldParticipants: ids, s.FieldAuthor: author.ID()}, &conv)
	return conv.ID
}

// say posts a message as author in conversation through the REST API.
func say(t *testing.T, author *synctest.User, conversation, text string) {
	t.Helper()
	author.MustCall(t, http.MethodPost, "/api/collections/"+s.Messages+"/records",
		map[string]any{s.FieldConversation: conversation, s.FieldAuthor: author.ID(), s.FieldText: text}, nil)
}

// TestWebPushRoundTrip: a message written through the API reaches the other participant's
// browser through a push service on loopback: the request carries a VAPID JWT signed by the
// server's advertised key for that service's origin, and its aes128gcm body decrypts (RFC
// 8291) with the keys the browser generated into {title, body, url} in the recipient's
// language. The writer's own browser receives nothing.
func TestWebPushRoundTrip(t *testing.T) {
	w := newWorld(t)
	alice, bob := w.user(t, "Alice", "fr"), w.user(t, "Bob", "en")
	bobBrowser := w.subscribe(t, bob, "/push/bob")
	w.subscribe(t, alice, "/push/alice")
	conv := converse(t, alice, bob)

	say(t, alice, conv, "Bonjour Bob,\n la perceuse est libre samedi.")
	push.NotifierOf(w.srv.App).Wait()
	raw := w.ps.take()
	if len(raw) != 1 || raw[0].path != "/push/bob" {
		t.Fatalf("the push service received %d pushes (%v), want one to /push/bob", len(raw), raw)
	}
	if err := checkVAPID(raw[0].header, w.key, w.ps.srv.URL); err != nil {
		t.Fatalf("VAPID: %v", err)
	}
	note := decode(t, bobBrowser, raw[0])
	want := push.Notification{Title: "Alice wrote to you", Body: "Bonjour Bob, la perceuse est libre samedi.",
		URL: "/#/messages/" + conv}
	if note != want {
		t.Errorf("notification: got %+v, want %+v", note, want)
	}

	// Negative controls: the same checks refuse another key, another audience, another
	// browser's keys.
	other := otherPublicKey(t)
	if err := checkVAPID(raw[0].header, other, w.ps.srv.URL); err == nil {
		t.Error("checkVAPID accepted the push against another public key")
	}
	if err := checkVAPID(withKey(raw[0].header, w.key, other), other, w.ps.srv.URL); err == nil {
		t.Error("checkVAPID accepted a JWT that other's key did not sign")
	}
	if err := checkVAPID(raw[0].header, w.key, "http://127.0.0.1:1"); err == nil {
		t.Error("checkVAPID accepted the JWT for another push service's origin")
	}
	if _, err := pushtest.NewBrowser(t).Decrypt(raw[0].body); err == nil {
		t.Error("another browser's keys decrypted the push")
	}
}

// otherPublicKey is a P-256 public key that is not the server's (base64url).
func otherPublicKey(t *testing.T) string {
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return base64.RawURLEncoding.EncodeToString(key.PublicKey().Bytes())
}

// withKey is header with the k= parameter of its VAPID authorization replaced.
func withKey(header http.Header, from, to string) http.Header {
	h := header.Clone()
	h.Set("Authorization", strings.Replace(h.Get("Authorization"), "k="+from, "k="+to, 1))
	return h
}

// TestGoneSubscriptionIsRemoved: a subscription the push service answers 410 or 404 for is
// deleted; one answered 201, and one answered 500 (a failure, logged), stay. The message
// that triggered them was saved whatever the answers.
func TestGoneSubscriptionIsRemoved(t *testing.T) {
	w := newWorld(t)
	alice, bob := w.user(t, "Alice", "fr"), w.user(t, "Bob", "fr")
	for _, p := range []string{"/gone", "/notfound", "/fine", "/broken"} {
		w.subscribe(t, bob, p)
	}
	w.ps.answer("/gone", http.StatusGone)
	w.ps.answer("/notfound", http.StatusNotFound)
	w.ps.answer("/broken", http.StatusInternalServerError)

	say(t, alice, converse(t, alice, bob), "Salut")
	wantPaths(t, "every subscription of Bob", w.delivered(t), "/gone", "/notfound", "/fine", "/broken")
	left := endpointsOf(t, w, bob.ID())
	for _, p := range []string{"/fine", "/broken"} {
		if !left[w.ps.endpoint(p)] {
			t.Errorf("the subscription answered at %s was deleted, want it kept", p)
		}
	}
	for _, p := range []string{"/gone", "/notfound"} {
		if left[w.ps.endpoint(p)] {
			t.Errorf("the subscription answered at %s is still there, want it deleted", p)
		}
	}
}

// endpointsOf lists the endpoints of userID's subscriptions in the database.
func endpointsOf(t *testing.T, w *world, userID string) map[string]bool {
	t.Helper()
	recs, err := w.srv.App.FindAllRecords(s.PushSubscriptions, dbx.HashExp{s.FieldPushUser: userID})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, r := range recs {
		out[r.GetString(s.FieldPushEndpoint)] = true
	}
	return out
}

// TestEndpointRefusedUnlessListed: a subscription on a push service that is neither a
// browser's nor listed in MAILLAGE_PUSH_HOSTS is refused with a coded error, in the
// requester's language; the same endpoint is accepted by a server that lists its host.
func TestEndpointRefusedUnlessListed(t *testing.T) {
	ps := newPushService(t)
	srv := synctest.Start(t, server.Config{})
	bob := srv.NewUser(t, "bob@example.org", s.RoleResident)
	bob.Lang = "en"
	body := pushtest.NewBrowser(t).Subscription(ps.endpoint("/push/bob"))
	status, data, err := bob.Call(http.MethodPost, "/api/collections/"+s.PushSubscriptions+"/records", body)
	if err != nil {
		t.Fatal(err)
	}
	if status != http.StatusBadRequest || !strings.Contains(string(data), `"code":"push_endpoint_not_allowed"`) ||
		!strings.Contains(string(data), "The push service "+ps.host()+" is not accepted") {
		t.Errorf("unlisted host: status %d %s, want 400 push_endpoint_not_allowed in English", status, data)
	}
	if n, _ := srv.App.CountRecords(s.PushSubscriptions); n != 0 {
		t.Errorf("%d subscriptions saved, want none", n)
	}
	// A browser's own push service is accepted by the same server (nothing is sent on subscribe).
	bob.MustCall(t, http.MethodPost, "/api/collections/"+s.PushSubscriptions+"/records",
		pushtest.NewBrowser(t).Subscription("https://fcm.googleapis.com/fcm/send/abc:def"), nil)

	// Negative control: the same endpoint, its host listed.
	listed := synctest.Start(t, server.Config{Push: push.Config{Hosts: []string{ps.host()}}})
	carol := listed.NewUser(t, "carol@example.org", s.RoleResident)
	carol.MustCall(t, http.MethodPost, "/api/collections/"+s.PushSubscriptions+"/records", body, nil)
}

// TestNothingSentForARolledBackWrite: a message written in a batch whose next request fails
// is rolled back, and nobody hears of it (notifications leave after the commit only);
// negative control: the same batch without the failing request notifies.
func TestNothingSentForARolledBackWrite(t *testing.T) {
	w := newWorld(t)
	alice, bob := w.user(t, "Alice", "fr"), w.user(t, "Bob", "fr")
	w.subscribe(t, bob, "/bob")
	conv := converse(t, alice, bob)
	message := map[string]any{"method": http.MethodPost, "url": "/api/collections/" + s.Messages + "/records",
		"body": map[string]any{s.FieldConversation: conv, s.FieldAuthor: alice.ID(), s.FieldText: "Brouillon"}}
	failing := map[string]any{"method": http.MethodPost, "url": "/api/collections/" + s.Messages + "/records",
		"body": map[string]any{s.FieldConversation: conv, s.FieldAuthor: alice.ID()}} // no text
	mustFail(t, alice, http.MethodPost, "/api/batch", map[string]any{"requests": []any{message, failing}}, http.StatusBadRequest)
	wantPaths(t, "a rolled back batch", w.delivered(t))
	if n, _ := w.srv.App.CountRecords(s.Messages); n != 0 {
		t.Fatalf("%d messages saved by the failed batch, want none", n)
	}
	alice.MustCall(t, http.MethodPost, "/api/batch", map[string]any{"requests": []any{message}}, nil)
	wantPaths(t, "the same batch, committed", w.delivered(t), "/bob")
}
