package leaktest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/maillage/maillage/push"
	"github.com/maillage/maillage/push/pushtest"
)

// Notifications: every signed-in viewer's browser subscribes to Web Push on a push service on
// loopback (the world's server lists it in push.Config.Hosts) before the world is written, so
// the notifications its writes make (messages, replies, decisions, phases, nearby records)
// reach the viewers' browsers. Each push is decrypted (RFC 8291, aes128gcm) with the keys the
// browser made, and scanned as received by its viewer.

// pushService is the loopback push service: it keeps every push by endpoint path.
type pushService struct {
	srv *httptest.Server
	mu  sync.Mutex
	got map[string][][]byte
}

func newPushService(t testing.TB) *pushService {
	ps := &pushService{got: map[string][][]byte{}}
	ps.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ps.mu.Lock()
		ps.got[r.URL.Path] = append(ps.got[r.URL.Path], body)
		ps.mu.Unlock()
		w.WriteHeader(http.StatusCreated)
	}))
	t.Cleanup(ps.srv.Close)
	return ps
}

// host is the service as push.Config.Hosts lists it.
func (ps *pushService) host() string { return strings.TrimPrefix(ps.srv.URL, "http://") }

// subscribePush subscribes every signed-in viewer's browser.
func (w *world) subscribePush(t testing.TB) {
	t.Helper()
	w.browsers = map[string]*pushtest.Browser{}
	for _, v := range w.viewers[1:] {
		b := pushtest.NewBrowser(t)
		w.browsers[v.name] = b
		w.save(t, "pushSubscriptions", fields{"user": v.ID(), "endpoint": w.push.srv.URL + "/push/" + v.name, "keys": b.Keys()})
		w.save(t, "notificationPreferences", fields{"user": v.ID(), "messages": true, "replies": true, "decisions": true,
			"near": []string{"events", "offers"}, "nearRadius": 50, "nearConsent": true})
	}
}

// notifications waits for every queued notification and scans what each viewer's browser
// received.
func notifications(t *testing.T, m *matrix) {
	t.Helper()
	push.NotifierOf(m.w.srv.App).Wait()
	m.w.push.mu.Lock()
	defer m.w.push.mu.Unlock()
	for _, v := range m.w.viewers[1:] {
		for _, body := range m.w.push.got["/push/"+v.name] {
			plain, err := m.w.browsers[v.name].Decrypt(body)
			if err != nil {
				t.Errorf("push to %s: %v", v.name, err)
				continue
			}
			m.scan(v, "push", "Web Push payload", plain, false)
		}
	}
}
