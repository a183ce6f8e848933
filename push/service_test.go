package push_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// pushService is a push service on loopback (RFC 8030 §5): it records every push it receives
// and answers each path with its status (201 Created unless told otherwise). It is the one
// part of a real delivery the tests stand in for: a browser vendor's service.
type pushService struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []pushed
	// status per path; 201 for the others.
	status map[string]int
}

// pushed is one request the push service received.
type pushed struct {
	path   string
	header http.Header
	body   []byte
}

// newPushService starts a push service, closed when the test ends.
func newPushService(t testing.TB) *pushService {
	ps := &pushService{status: map[string]int{}}
	ps.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ps.mu.Lock()
		ps.got = append(ps.got, pushed{path: r.URL.Path, header: r.Header.Clone(), body: body})
		status, ok := ps.status[r.URL.Path]
		ps.mu.Unlock()
		if !ok {
			status = http.StatusCreated
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(ps.srv.Close)
	return ps
}

// host is the service's host:port, as MAILLAGE_PUSH_HOSTS lists it.
func (ps *pushService) host() string { return strings.TrimPrefix(ps.srv.URL, "http://") }

// endpoint is a subscription endpoint on this service.
func (ps *pushService) endpoint(path string) string { return ps.srv.URL + path }

// answer makes the service answer path with status.
func (ps *pushService) answer(path string, status int) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	ps.status[path] = status
}

// take returns and forgets what the service received so far.
func (ps *pushService) take() []pushed {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	got := ps.got
	ps.got = nil
	return got
}

// vapidClaims are the JWT claims RFC 8292 §2 asks for.
type vapidClaims struct {
	Aud string `json:"aud"`
	Exp int64  `json:"exp"`
	Sub string `json:"sub"`
}

// checkVAPID verifies a push's Authorization header (RFC 8292 §3: "vapid t=<JWT>, k=<key>"):
// k is publicKey (base64url), the JWT is ES256-signed by that key's private half, its aud
// is the push service's origin, it expires within 24 hours, and its sub is a contact.
func checkVAPID(header http.Header, publicKey, origin string) error {
	token, k, err := parseVAPID(header.Get("Authorization"))
	if err != nil {
		return err
	}
	if k != publicKey {
		return fmt.Errorf("k=%s, want the server's public key %s", k, publicKey)
	}
	claims, err := verifyES256(token, publicKey)
	if err != nil {
		return err
	}
	if claims.Aud != origin {
		return fmt.Errorf("aud %q, want %q", claims.Aud, origin)
	}
	if left := time.Until(time.Unix(claims.Exp, 0)); left <= 0 || left > 24*time.Hour {
		return fmt.Errorf("exp %d is not within the next 24 hours", claims.Exp)
	}
	if !strings.HasPrefix(claims.Sub, "mailto:") && !strings.HasPrefix(claims.Sub, "https:") {
		return fmt.Errorf("sub %q is not a mailto: or https: contact", claims.Sub)
	}
	return nil
}

// parseVAPID splits "vapid t=<jwt>, k=<key>".
func parseVAPID(auth string) (token, key string, err error) {
	rest, ok := strings.CutPrefix(auth, "vapid ")
	if !ok {
		return "", "", fmt.Errorf("authorization %q is not a vapid scheme", auth)
	}
	for _, part := range strings.Split(rest, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch name {
		case "t":
			token = value
		case "k":
			key = value
		}
	}
	if token == "" || key == "" {
		return "", "", fmt.Errorf("authorization %q lacks t or k", auth)
	}
	return token, key, nil
}

// verifyES256 checks the JWT's ES256 signature against publicKey (an uncompressed P-256
// point, base64url) and returns its claims.
func verifyES256(token, publicKey string) (vapidClaims, error) {
	var claims vapidClaims
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return claims, errors.New("the JWT has not three parts")
	}
	var head struct{ Alg, Typ string }
	if err := decodePart(parts[0], &head); err != nil || head.Alg != "ES256" {
		return claims, fmt.Errorf("JWT header %+v (%v), want alg ES256", head, err)
	}
	point, err := base64.RawURLEncoding.DecodeString(publicKey)
	if err != nil {
		return claims, err
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), point)
	if err != nil {
		return claims, err
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return claims, fmt.Errorf("signature is not 64 bytes r||s (%v)", err)
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])
	if !ecdsa.Verify(pub, digest[:], r, s) {
		return claims, errors.New("the JWT's ES256 signature does not verify with the server's public key")
	}
	return claims, decodePart(parts[1], &claims)
}

// decodePart decodes one base64url JSON part of a JWT.
func decodePart(part string, out any) error {
	raw, err := base64.RawURLEncoding.DecodeString(part)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}
