package push_test

import (
	"encoding/json"
	"net/http"
	"sort"
	"testing"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/push"
	"github.com/maillage/maillage/push/pushtest"
	s "github.com/maillage/maillage/schema"
)

// world is a Maillage server over real HTTP whose MAILLAGE_PUSH_HOSTS lists a push service on
// loopback, and the browsers subscribed on it, by endpoint path.
type world struct {
	srv      *synctest.Srv
	ps       *pushService
	browsers map[string]*pushtest.Browser
	key      string // the VAPID public key, as GET /api/maillage/push/key gives it
}

// newWorld starts the push service and the server that accepts it.
func newWorld(t *testing.T) *world {
	t.Helper()
	ps := newPushService(t)
	srv := synctest.Start(t, server.Config{Push: push.Config{Hosts: []string{ps.host()}}})
	w := &world{srv: srv, ps: ps, browsers: map[string]*pushtest.Browser{}}
	var key struct{ PublicKey string }
	srv.Anonymous().MustCall(t, http.MethodGet, push.PathKey, nil, &key)
	if key.PublicKey == "" {
		t.Fatalf("GET %s gave no public key", push.PathKey)
	}
	w.key = key.PublicKey
	return w
}

// user creates a resident who may see the others' names, reading in lang.
func (w *world) user(t *testing.T, name, lang string) *synctest.User {
	t.Helper()
	u := w.srv.NewUser(t, name+"@example.org", s.RoleResident)
	u.Record.Set("name", name)
	u.Record.Set(s.FieldProfileVisibility, "members")
	u.Record.Set(s.FieldLocale, lang)
	if err := w.srv.App.Save(u.Record); err != nil {
		t.Fatalf("save %s: %v", name, err)
	}
	return u
}

// subscribe makes u's browser subscribe at path on the push service, through the REST API
// with the body of PushSubscription.toJSON().
func (w *world) subscribe(t *testing.T, u *synctest.User, path string) *pushtest.Browser {
	t.Helper()
	b := pushtest.NewBrowser(t)
	var rec map[string]any
	u.MustCall(t, http.MethodPost, "/api/collections/"+s.PushSubscriptions+"/records", b.Subscription(w.ps.endpoint(path)), &rec)
	if rec["user"] != u.ID() {
		t.Fatalf("subscription of %s: user %v, want the requester", u, rec["user"])
	}
	w.browsers[path] = b
	return b
}

// delivered waits until every queued notification was handled, then returns what the push
// service received, by endpoint path, each one's VAPID signature checked and decrypted.
func (w *world) delivered(t *testing.T) map[string]push.Notification {
	t.Helper()
	push.NotifierOf(w.srv.App).Wait()
	out := map[string]push.Notification{}
	for _, p := range w.ps.take() {
		if err := checkVAPID(p.header, w.key, w.ps.srv.URL); err != nil {
			t.Errorf("push to %s: VAPID: %v", p.path, err)
		}
		if enc := p.header.Get("Content-Encoding"); enc != "aes128gcm" {
			t.Errorf("push to %s: Content-Encoding %q, want aes128gcm", p.path, enc)
		}
		b, ok := w.browsers[p.path]
		if !ok {
			t.Fatalf("push to %s, which no browser subscribed", p.path)
		}
		out[p.path] = decode(t, b, p)
	}
	return out
}

// decode decrypts one push with its browser's keys and reads the notification.
func decode(t *testing.T, b *pushtest.Browser, p pushed) push.Notification {
	t.Helper()
	plain, err := b.Decrypt(p.body)
	if err != nil {
		t.Fatalf("push to %s: decrypt: %v", p.path, err)
	}
	var note push.Notification
	if err := json.Unmarshal(plain, &note); err != nil {
		t.Fatalf("push to %s: payload %q: %v", p.path, plain, err)
	}
	return note
}

// paths lists the endpoint paths that received a notification, sorted.
func paths(got map[string]push.Notification) []string {
	out := make([]string, 0, len(got))
	for p := range got {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// wantPaths fails unless exactly want received a notification.
func wantPaths(t *testing.T, what string, got map[string]push.Notification, want ...string) {
	t.Helper()
	sort.Strings(want)
	have := paths(got)
	if len(have) != len(want) {
		t.Fatalf("%s: notified %v, want %v", what, have, want)
	}
	for i := range want {
		if have[i] != want[i] {
			t.Fatalf("%s: notified %v, want %v", what, have, want)
		}
	}
}
