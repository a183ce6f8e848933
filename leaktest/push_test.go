package leaktest

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/maillage/maillage/push"
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

// browser is one viewer's push subscription keys.
type browser struct {
	key  *ecdh.PrivateKey
	auth []byte
}

func newBrowser(t testing.TB) *browser {
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	auth := make([]byte, 16)
	_, _ = rand.Read(auth)
	return &browser{key: key, auth: auth}
}

// keys is the subscription's keys as PushSubscription.toJSON() gives them.
func (b *browser) keys() map[string]any {
	enc := base64.RawURLEncoding.EncodeToString
	return map[string]any{"p256dh": enc(b.key.PublicKey().Bytes()), "auth": enc(b.auth)}
}

// decrypt opens an aes128gcm body of one record (RFC 8188, RFC 8291).
func (b *browser) decrypt(body []byte) ([]byte, error) {
	if len(body) < 21 || len(body) < 21+int(body[20]) {
		return nil, errors.New("short body")
	}
	salt, idLen := body[:16], int(body[20])
	_ = binary.BigEndian.Uint32(body[16:20])
	server, err := ecdh.P256().NewPublicKey(body[21 : 21+idLen])
	if err != nil {
		return nil, err
	}
	shared, err := b.key.ECDH(server)
	if err != nil {
		return nil, err
	}
	info := append(append([]byte("WebPush: info\x00"), b.key.PublicKey().Bytes()...), server.Bytes()...)
	ikm, err := hkdf.Key(sha256.New, shared, b.auth, string(info), 32)
	if err != nil {
		return nil, err
	}
	cek, err := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: aes128gcm\x00", 16)
	if err != nil {
		return nil, err
	}
	nonce, err := hkdf.Key(sha256.New, ikm, salt, "Content-Encoding: nonce\x00", 12)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, nonce, body[21+idLen:], nil)
	if err != nil {
		return nil, err
	}
	return bytes.TrimRight(plain, "\x00"), nil
}

// subscribePush subscribes every signed-in viewer's browser.
func (w *world) subscribePush(t testing.TB) {
	t.Helper()
	w.browsers = map[string]*browser{}
	for _, v := range w.viewers[1:] {
		b := newBrowser(t)
		w.browsers[v.name] = b
		w.save(t, "pushSubscriptions", fields{"user": v.ID(), "endpoint": w.push.srv.URL + "/push/" + v.name, "keys": b.keys()})
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
			plain, err := m.w.browsers[v.name].decrypt(body)
			if err != nil {
				t.Errorf("push to %s: %v", v.name, err)
				continue
			}
			m.scan(v, "push", "Web Push payload", plain, false)
		}
	}
}
