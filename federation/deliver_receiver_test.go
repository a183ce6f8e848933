package federation_test

import (
	"context"
	"crypto/rsa"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-fed/httpsig"

	"github.com/maillage/maillage/federation"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// receiver is a loopback server of several actors (/actors/N, inbox /inbox/N, and a shared
// inbox /shared when shared is set): it refuses the first fails deliveries with refuse
// (503 unless set), then accepts, checking each signature against the territory's key; hold,
// when set, keeps every delivery waiting until it is closed or receives a value.
type receiver struct {
	srv       *httptest.Server
	fails     int
	refuse    int
	shared    bool
	territory *rsa.PublicKey
	hold      chan struct{}
	arrived   chan string // the path of each delivery, as it arrives
	mu        sync.Mutex
	got       []received
	running   int
	maxActive int
}

// received is one delivery: where, its activity, the signature check and the answer.
type received struct {
	path     string
	activity map[string]any
	sigErr   error
	status   int
}

func newReceiver(t testing.TB, fails int) *receiver {
	t.Helper()
	r := &receiver{fails: fails, refuse: http.StatusServiceUnavailable, arrived: make(chan string, 256)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /actors/{n}", r.actor)
	mux.HandleFunc("POST /", r.inbox)
	r.srv = httptest.NewServer(mux)
	t.Cleanup(r.srv.Close)
	return r
}

// actorURL and inboxURL name actor n on host (the server's own address when "").
func (r *receiver) actorURL(host, n string) string { return r.base(host) + "/actors/" + n }
func (r *receiver) inboxURL(host, n string) string { return r.base(host) + "/inbox/" + n }

// base is the server's address, with host in place of 127.0.0.1 when set.
func (r *receiver) base(host string) string {
	if host == "" {
		return r.srv.URL
	}
	return strings.Replace(r.srv.URL, "127.0.0.1", host, 1)
}

func (r *receiver) actor(w http.ResponseWriter, req *http.Request) {
	base := "http://" + req.Host
	doc := map[string]any{"id": base + req.URL.Path, "type": "Person", "inbox": base + "/inbox/" + req.PathValue("n")}
	if r.shared {
		doc["endpoints"] = map[string]any{"sharedInbox": base + "/shared"}
	}
	w.Header().Set("Content-Type", federation.ActivityJSON)
	json.NewEncoder(w).Encode(doc)
}

func (r *receiver) inbox(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	d := received{path: req.URL.Path, sigErr: r.verify(req)}
	json.Unmarshal(body, &d.activity)
	r.begin(req.URL.Path)
	if r.hold != nil {
		<-r.hold
	}
	d.status = r.end()
	r.mu.Lock()
	r.got = append(r.got, d)
	r.mu.Unlock()
	w.WriteHeader(d.status)
}

// verify checks the delivery's signature against the territory's key (when known).
func (r *receiver) verify(req *http.Request) error {
	v, err := httpsig.NewVerifier(req)
	if err != nil || r.territory == nil {
		return err
	}
	return v.Verify(r.territory, httpsig.RSA_SHA256)
}

// begin counts a delivery under way and signals its arrival.
func (r *receiver) begin(path string) {
	r.mu.Lock()
	r.running++
	r.maxActive = max(r.maxActive, r.running)
	r.mu.Unlock()
	r.arrived <- path
}

// end counts the delivery done and chooses its answer: a refusal while fails lasts.
func (r *receiver) end() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.running--
	if r.fails > 0 {
		r.fails--
		return r.refuse
	}
	return http.StatusAccepted
}

// accepted lists the deliveries accepted, in order.
func (r *receiver) accepted() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ok []received
	for _, d := range r.got {
		if d.status == http.StatusAccepted {
			ok = append(ok, d)
		}
	}
	return ok
}

// total counts every delivery received.
func (r *receiver) total() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.got)
}

// loopbackClient reaches every host name on loopback, at the URL's port: remote servers on
// made-up domains, for the block list.
func loopbackClient() *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		_, port, _ := net.SplitHostPort(addr)
		return dialer.DialContext(ctx, network, "127.0.0.1:"+port)
	}}}
}

// follow stores actor, with its inbox, as a follower of the territory (as an accepted Follow does).
func (w *world) follow(t *testing.T, actor, inbox string) {
	t.Helper()
	testapp.NewRecord(t, w.app, s.FederationFollowers, map[string]any{
		s.FollowerFields.Actor: actor, s.FollowerFields.Inbox: inbox,
	})
}

// attempts hears the queue's delivery attempts, until the test ends.
type attempt struct {
	inbox    string
	attempts int
	err      error
}

func hearAttempts(t *testing.T) chan attempt {
	heard := make(chan attempt, 256)
	t.Cleanup(federation.OnAttemptForTest(func(inbox string, n int, err error) { heard <- attempt{inbox, n, err} }))
	return heard
}
