package federation_test

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/maillage/maillage/federation"
	s "github.com/maillage/maillage/schema"
)

// remote is another server's actor on loopback: it publishes its actor document with its key,
// and its inbox checks the signature of what it receives against the territory's key.
type remote struct {
	srv        *httptest.Server
	mu         sync.Mutex
	key        *rsa.PrivateKey // the key its actor document publishes
	fetches    int             // how many times its actor document was read
	territory  *rsa.PublicKey
	deliveries chan delivery
}

// delivery is one activity the remote inbox received, with its signature check.
type delivery struct {
	activity map[string]any
	err      error
}

func newRemote(t *testing.T) *remote {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	r := &remote{key: key, deliveries: make(chan delivery, 4)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /actor", r.actor)
	mux.HandleFunc("POST /inbox", r.inbox)
	r.srv = httptest.NewServer(mux)
	t.Cleanup(r.srv.Close)
	return r
}

func (r *remote) id() string { return r.srv.URL + "/actor" }

func (r *remote) actor(w http.ResponseWriter, _ *http.Request) {
	r.mu.Lock()
	r.fetches++
	pub, _ := x509.MarshalPKIXPublicKey(&r.key.PublicKey)
	r.mu.Unlock()
	w.Header().Set("Content-Type", federation.ActivityJSON)
	json.NewEncoder(w).Encode(map[string]any{
		"id": r.id(), "type": "Person", "inbox": r.srv.URL + "/inbox",
		"publicKey": map[string]any{"id": r.id() + "#main-key", "owner": r.id(),
			"publicKeyPem": string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))},
	})
}

func (r *remote) inbox(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	d := delivery{}
	v, err := httpsig.NewVerifier(req)
	if err == nil {
		err = v.Verify(r.territory, httpsig.RSA_SHA256)
	}
	d.err = err
	json.Unmarshal(body, &d.activity)
	w.WriteHeader(http.StatusAccepted)
	r.deliveries <- d
}

// post sends body to url signed with key under keyID, dated date; nil key sends it unsigned.
func post(t *testing.T, url string, body []byte, key *rsa.PrivateKey, keyID string, date time.Time) int {
	t.Helper()
	return postAltered(t, url, body, body, key, keyID, date)
}

// postAltered signs body but sends sent in its place.
func postAltered(t *testing.T, url string, body, sent []byte, key *rsa.PrivateKey, keyID string, date time.Time) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(sent))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", federation.ActivityJSON)
	req.Header.Set("Date", date.UTC().Format(http.TimeFormat))
	req.Header.Set("Host", req.URL.Host)
	if key != nil {
		signer, _, err := httpsig.NewSigner([]httpsig.Algorithm{httpsig.RSA_SHA256}, httpsig.DigestSha256,
			[]string{httpsig.RequestTarget, "host", "date", "digest"}, httpsig.Signature, 0)
		if err != nil || signer.SignRequest(key, keyID, req, body) != nil {
			t.Fatalf("sign: %v", err)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// followers counts the stored followers.
func followers(t *testing.T, w *world) int {
	t.Helper()
	n, err := w.app.CountRecords(s.FederationFollowers)
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// TestInboxFollow: deliveries that are unsigned, signed with another key than the actor's,
// stale, altered after signing, or signed by another actor than the activity's are refused and
// store nothing; the same Follow, rightly signed, is stored and answered with an Accept signed
// with the territory's published key.
func TestInboxFollow(t *testing.T) {
	defer federation.UseClientForTest(http.DefaultClient)()
	w := newWorld(t)
	site := w.start(t)
	r := newRemote(t)
	r.territory = rsaKey(t, w.activity(t, "/federation/territory")["publicKey"].(map[string]any)["publicKeyPem"].(string))
	inbox, keyID := site+"/federation/territory/inbox", r.id()+"#main-key"
	follow, _ := json.Marshal(map[string]any{"@context": "https://www.w3.org/ns/activitystreams",
		"id": r.id() + "#follow-1", "type": "Follow", "actor": r.id(), "object": site + "/federation/territory"})
	stranger, _ := json.Marshal(map[string]any{"type": "Follow", "actor": "http://elsewhere.example/actor",
		"object": site + "/federation/territory"})
	other, _ := rsa.GenerateKey(rand.Reader, 2048)
	now := time.Now()
	refused := map[string]int{
		"unsigned":      post(t, inbox, follow, nil, keyID, now),
		"wrong key":     post(t, inbox, follow, other, keyID, now),
		"stale":         post(t, inbox, follow, r.key, keyID, now.Add(-10*time.Minute)),
		"altered":       postAltered(t, inbox, follow, bytes.Replace(follow, []byte("follow-1"), []byte("follow-2"), 1), r.key, keyID, now),
		"another actor": post(t, inbox, stranger, r.key, keyID, now),
	}
	for name, status := range refused {
		want := http.StatusUnauthorized
		if name == "another actor" {
			want = http.StatusForbidden
		}
		if status != want {
			t.Errorf("%s delivery: status %d, want %d", name, status, want)
		}
	}
	if n := followers(t, w); n != 0 {
		t.Fatalf("%d followers stored by refused deliveries", n)
	}
	if status := post(t, inbox, follow, r.key, keyID, now); status != http.StatusAccepted {
		t.Fatalf("signed Follow: status %d", status)
	}
	if n := followers(t, w); n != 1 {
		t.Fatalf("%d followers, want 1", n)
	}
	if doc := w.activity(t, "/federation/territory/followers"); doc["totalItems"] != float64(1) || doc["orderedItems"] != nil {
		t.Errorf("followers collection: %v", doc)
	}
	d := <-r.deliveries
	if d.err != nil || d.activity["type"] != "Accept" || d.activity["object"].(map[string]any)["id"] != r.id()+"#follow-1" {
		t.Fatalf("Accept: %v, signature: %v", d.activity, d.err)
	}
}

// TestInboxGuardedFetch: with the production client, the signer's key is never fetched from a
// loopback address, so the same rightly signed Follow is refused.
func TestInboxGuardedFetch(t *testing.T) {
	w := newWorld(t)
	site := w.start(t)
	r := newRemote(t)
	follow, _ := json.Marshal(map[string]any{"id": r.id() + "#follow-1", "type": "Follow", "actor": r.id(),
		"object": site + "/federation/territory"})
	if status := post(t, site+"/federation/territory/inbox", follow, r.key, r.id()+"#main-key", time.Now()); status != http.StatusUnauthorized {
		t.Fatalf("status %d, want 401: the key was fetched from loopback", status)
	}
	if n := followers(t, w); n != 0 {
		t.Fatalf("%d followers stored", n)
	}
}

// fetched is how many times the remote actor document was read.
func (r *remote) fetched() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.fetches
}

// TestInboxKeyCacheAndRotation: a signer's actor is fetched once for several deliveries; when it
// rotates its key, a delivery signed with the new key refetches it and is accepted, and one
// signed with the old key is refused (control).
func TestInboxKeyCacheAndRotation(t *testing.T) {
	defer federation.UseClientForTest(http.DefaultClient)()
	w := newWorld(t)
	site := w.start(t)
	r := newRemote(t)
	r.territory = rsaKey(t, w.activity(t, "/federation/territory")["publicKey"].(map[string]any)["publicKeyPem"].(string))
	inbox, keyID := site+"/federation/territory/inbox", r.id()+"#main-key"
	follow := func(n int) []byte {
		b, _ := json.Marshal(map[string]any{"id": r.id() + "#follow-" + fmt.Sprint(n), "type": "Follow",
			"actor": r.id(), "object": site + "/federation/territory"})
		return b
	}
	old := r.key
	for n := range 2 {
		if status := post(t, inbox, follow(n), old, keyID, time.Now()); status != http.StatusAccepted {
			t.Fatalf("follow %d: status %d", n, status)
		}
		<-r.deliveries
	}
	if got := r.fetched(); got != 1 {
		t.Fatalf("actor fetched %d times for two deliveries, want 1", got)
	}
	rotated, _ := rsa.GenerateKey(rand.Reader, 2048)
	r.mu.Lock()
	r.key = rotated
	r.mu.Unlock()
	if status := post(t, inbox, follow(3), rotated, keyID, time.Now()); status != http.StatusAccepted {
		t.Fatalf("rotated key: status %d", status)
	}
	<-r.deliveries
	if status := post(t, inbox, follow(4), old, keyID, time.Now()); status != http.StatusUnauthorized {
		t.Fatalf("old key after rotation: status %d, want 401", status)
	}
	if got := r.fetched(); got != 3 {
		t.Errorf("actor fetched %d times, want 3 (once, on rotation, on the old key's failure)", got)
	}
}

// TestInboxUndoFollow: a signed Undo of its Follow removes the follower; an Undo of something
// else (a Like) leaves it (control).
func TestInboxUndoFollow(t *testing.T) {
	defer federation.UseClientForTest(http.DefaultClient)()
	w := newWorld(t)
	site := w.start(t)
	r := newRemote(t)
	r.territory = rsaKey(t, w.activity(t, "/federation/territory")["publicKey"].(map[string]any)["publicKeyPem"].(string))
	inbox, keyID := site+"/federation/territory/inbox", r.id()+"#main-key"
	follow := map[string]any{"id": r.id() + "#follow-1", "type": "Follow", "actor": r.id(), "object": site + "/federation/territory"}
	undo := func(object map[string]any) int {
		b, _ := json.Marshal(map[string]any{"id": r.id() + "#undo", "type": "Undo", "actor": r.id(), "object": object})
		return post(t, inbox, b, r.key, keyID, time.Now())
	}
	body, _ := json.Marshal(follow)
	if status := post(t, inbox, body, r.key, keyID, time.Now()); status != http.StatusAccepted {
		t.Fatalf("follow: status %d", status)
	}
	<-r.deliveries
	like := map[string]any{"id": r.id() + "#like", "type": "Like", "actor": r.id(), "object": site + "/federation/territory"}
	if status := undo(like); status != http.StatusAccepted || followers(t, w) != 1 {
		t.Fatalf("undo of a like: status %d, %d followers, want 1", status, followers(t, w))
	}
	if status := undo(follow); status != http.StatusAccepted || followers(t, w) != 0 {
		t.Fatalf("undo of the follow: status %d, %d followers, want 0", status, followers(t, w))
	}
}
