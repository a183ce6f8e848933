package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"code.dny.dev/ssrf"
)

// Bounds of every request to another server.
const (
	fetchTimeout = 10 * time.Second
	maxDocument  = 1 << 20 // bytes of a remote document or of a delivery
	maxRedirects = 3
)

// AllowPrivateEnv names the environment variable that, set to 1, lets the territory fetch from
// and deliver to loopback and private addresses: for tests and a local network only, never on
// a server on the Internet (a remote actor could then make it reach the server's own network).
const AllowPrivateEnv = "MAILLAGE_FEDERATION_ALLOW_PRIVATE"

// allowsPrivate says whether AllowPrivateEnv is set to 1.
func allowsPrivate() bool { return os.Getenv(AllowPrivateEnv) == "1" }

// configuredClient is the guarded client, or, when AllowPrivateEnv says so, the same bounds
// without the guard.
func configuredClient() *http.Client {
	c := guardedClient()
	if allowsPrivate() {
		dialer := &net.Dialer{Timeout: fetchTimeout}
		c.Transport = &http.Transport{DialContext: dialer.DialContext, TLSHandshakeTimeout: fetchTimeout}
	}
	return c
}

// guardedClient is the HTTP client of remote fetches and deliveries: bounded in time and
// redirects, and refusing, at connect time, loopback, private and other internal addresses.
func guardedClient() *http.Client {
	dialer := &net.Dialer{Timeout: fetchTimeout, Control: ssrf.New(ssrf.WithAnyPort()).Safe}
	return &http.Client{
		Timeout:   fetchTimeout,
		Transport: &http.Transport{DialContext: dialer.DialContext, TLSHandshakeTimeout: fetchTimeout},
		CheckRedirect: func(_ *http.Request, via []*http.Request) error {
			if len(via) >= maxRedirects {
				return errors.New("too many redirects")
			}
			return nil
		},
	}
}

// remoteActor is what the territory reads of another actor: its names, inbox and public key.
type remoteActor struct {
	ID                string `json:"id"`
	Inbox             string `json:"inbox"`
	PreferredUsername string `json:"preferredUsername"`
	Name              string `json:"name"`
	PublicKey         struct {
		ID           string `json:"id"`
		Owner        string `json:"owner"`
		PublicKeyPem string `json:"publicKeyPem"`
	} `json:"publicKey"`
}

// fetchActor reads the actor document at id (a key id's fragment dropped), at most
// maxDocument bytes.
func fetchActor(ctx context.Context, client *http.Client, id string) (remoteActor, error) {
	body, err := fetchBody(ctx, client, id)
	if err != nil {
		return remoteActor{}, fmt.Errorf("fetch actor: %w", err)
	}
	var actor remoteActor
	if err := json.Unmarshal(body, &actor); err != nil {
		return remoteActor{}, fmt.Errorf("decode actor %s: %w", id, err)
	}
	return actor, nil
}

// fetchObject reads the ActivityStreams document at id, checked by Decode.
func fetchObject(ctx context.Context, client *http.Client, id string) (Document, error) {
	body, err := fetchBody(ctx, client, id)
	if err != nil {
		return nil, err
	}
	return Decode(body)
}

// fetchBody GETs url (its fragment dropped) as ActivityStreams: at most maxDocument bytes of
// a 200 answer.
func fetchBody(ctx context.Context, client *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.URL.Fragment = ""
	req.Header.Set("Accept", ActivityJSON)
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", url, resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDocument+1))
	if err == nil && len(body) > maxDocument {
		err = fmt.Errorf("GET %s: more than %d bytes", url, maxDocument)
	}
	return body, err
}
