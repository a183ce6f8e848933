package federation

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-fed/httpsig"
)

// maxSkew is how far a signed request's Date may lie from now: older is stale (a replay),
// newer is refused too.
const maxSkew = 5 * time.Minute

// signedHeaders are the headers a delivery's signature must cover.
var signedHeaders = []string{httpsig.RequestTarget, "host", "date", "digest"}

// checkFresh refuses a request whose Date is missing, unreadable or more than maxSkew from now.
func checkFresh(r *http.Request, now time.Time) error {
	date, err := http.ParseTime(r.Header.Get("Date"))
	if err != nil {
		return errors.New("no valid Date header")
	}
	if d := now.Sub(date); d > maxSkew || d < -maxSkew {
		return fmt.Errorf("stale Date (%s from now)", d.Round(time.Second))
	}
	return nil
}

// checkDigest refuses a body whose SHA-256 is not the Digest header's.
func checkDigest(r *http.Request, body []byte) error {
	sum := sha256.Sum256(body)
	want := "SHA-256=" + base64.StdEncoding.EncodeToString(sum[:])
	for _, d := range strings.Split(r.Header.Get("Digest"), ",") {
		if strings.TrimSpace(d) == want {
			return nil
		}
	}
	return errors.New("Digest missing or not the body's SHA-256")
}

// checkCovered refuses a signature that does not cover every header of signedHeaders.
func checkCovered(r *http.Request) error {
	sig := r.Header.Get("Signature")
	_, list, ok := strings.Cut(sig, `headers="`)
	list, _, _ = strings.Cut(list, `"`)
	covered := map[string]bool{}
	for _, h := range strings.Fields(strings.ToLower(list)) {
		covered[h] = true
	}
	for _, h := range signedHeaders {
		if !ok || !covered[h] {
			return fmt.Errorf("the signature does not cover %s", h)
		}
	}
	return nil
}

// parsePublicKey reads a PEM public key (PKIX, as every fediverse server publishes it).
func parsePublicKey(text string) (crypto.PublicKey, error) {
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return nil, errors.New("no PEM public key")
	}
	return x509.ParsePKIXPublicKey(block.Bytes)
}

// sameHost says whether two URLs are on the same host.
func sameHost(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	return errA == nil && errB == nil && ua.Host != "" && strings.EqualFold(ua.Host, ub.Host)
}

// sign signs an outgoing POST of body with the territory's key (rsa-sha256, draft-cavage, over
// (request-target), host, date and digest).
func sign(r *http.Request, body []byte, keyID, privatePEM string) error {
	block, _ := pem.Decode([]byte(privatePEM))
	if block == nil {
		return errors.New("no PEM private key")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return err
	}
	signer, _, err := httpsig.NewSigner([]httpsig.Algorithm{httpsig.RSA_SHA256}, httpsig.DigestSha256,
		signedHeaders, httpsig.Signature, 0)
	if err != nil {
		return err
	}
	r.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	r.Header.Set("Host", r.URL.Host)
	return signer.SignRequest(key, keyID, r, bytes.Clone(body))
}
