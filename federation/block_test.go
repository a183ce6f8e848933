package federation_test

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/maillage/maillage/federation"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// signedFollow posts to site's inbox a Follow of actor, signed with key as actor's.
func signedFollow(t *testing.T, site, actor string, key *rsa.PrivateKey) (int, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"id": actor + "#follow", "type": "Follow", "actor": actor, "object": site + "/federation/territory"})
	req, _ := http.NewRequest(http.MethodPost, site+"/federation/territory/inbox", strings.NewReader(string(body)))
	req.Header.Set("Accept-Language", "en")
	signRequest(t, req, body, key, actor+"#main-key")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	text, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(text)
}

// TestBlockedDomain: once blocked.example is blocked, a Follow signed by an actor of
// social.blocked.example is refused 403 with the reason, and its existing follower there is
// removed; a public event then reaches the follower of friendly.example (control) and not the
// blocked domain, and a delivery queued for it is dropped without reaching it.
func TestBlockedDomain(t *testing.T) {
	heard := hearAttempts(t)
	w, site := startFederated(t, loopbackClient())
	r := newReceiver(t, 0)
	w.follow(t, r.actorURL("social.blocked.example", "1"), r.inboxURL("social.blocked.example", "1"))
	w.follow(t, r.actorURL("friendly.example", "2"), r.inboxURL("friendly.example", "2"))
	testapp.NewRecord(t, w.app, s.FederationBlocks, map[string]any{s.BlockFields.Domain: " Blocked.Example ", s.BlockFields.Reason: "spam"})
	if n := followers(t, w); n != 1 {
		t.Fatalf("%d followers, want the friendly one only", n)
	}
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	status, body := signedFollow(t, site, r.actorURL("social.blocked.example", "3"), key)
	if status != http.StatusForbidden || !strings.Contains(body, "blocked.example: it is blocked") {
		t.Fatalf("follow from a blocked domain: %d %s", status, body)
	}
	if status, _ := signedFollow(t, site, r.actorURL("friendly.example", "3"), key); status == http.StatusForbidden {
		t.Fatalf("follow from a domain not blocked: %d", status) // control: refused later, by its signature (401)
	}
	w.add(t, s.Events, map[string]any{"title": "Atelier vélo"})
	if a := <-heard; a.err != nil || !strings.Contains(a.inbox, "friendly.example") {
		t.Fatalf("delivery: %+v", a)
	}
	testapp.NewRecord(t, w.app, s.FederationDeliveries, map[string]any{
		s.DeliveryFields.Inbox: r.inboxURL("mail.blocked.example", "1"), s.DeliveryFields.Activity: map[string]any{"type": "Create"},
		s.DeliveryFields.Due: "2026-01-01 00:00:00.000Z",
	})
	federation.WakeForTest(w.app)
	if a := <-heard; a.err == nil || !strings.Contains(a.err.Error(), "blocked") || w.queueLength(t) != 0 {
		t.Fatalf("delivery to a blocked domain: %+v, %d left", a, w.queueLength(t))
	}
	if got := r.accepted(); len(got) != 1 || got[0].path != "/inbox/2" {
		t.Fatalf("accepted %+v", got)
	}
}

// signRequest signs req as a remote server does (rsa-sha256 over (request-target), host, date
// and digest).
func signRequest(t *testing.T, req *http.Request, body []byte, key *rsa.PrivateKey, keyID string) {
	t.Helper()
	req.Header.Set("Content-Type", "application/activity+json")
	req.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	req.Header.Set("Host", req.URL.Host)
	signer, _, err := httpsig.NewSigner([]httpsig.Algorithm{httpsig.RSA_SHA256}, httpsig.DigestSha256,
		[]string{httpsig.RequestTarget, "host", "date", "digest"}, httpsig.Signature, 0)
	if err != nil || signer.SignRequest(key, keyID, req, body) != nil {
		t.Fatalf("sign: %v", err)
	}
}
