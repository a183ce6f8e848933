package federation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"code.dny.dev/ssrf"
)

// Bounds of every request to another server.
const (
	fetchTimeout = 10 * time.Second
	maxDocument  = 1 << 20 // bytes of a remote document or of a delivery
	maxRedirects = 3
)

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

// remoteActor is what the territory reads of another actor: its inbox and public key.
type remoteActor struct {
	ID        string `json:"id"`
	Inbox     string `json:"inbox"`
	PublicKey struct {
		ID           string `json:"id"`
		Owner        string `json:"owner"`
		PublicKeyPem string `json:"publicKeyPem"`
	} `json:"publicKey"`
}

// fetchActor reads the actor document at id (a key id's fragment dropped), at most
// maxDocument bytes.
func fetchActor(ctx context.Context, client *http.Client, id string) (remoteActor, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, id, nil)
	if err != nil {
		return remoteActor{}, err
	}
	req.URL.Fragment = ""
	req.Header.Set("Accept", ActivityJSON)
	resp, err := client.Do(req)
	if err != nil {
		return remoteActor{}, fmt.Errorf("fetch actor: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return remoteActor{}, fmt.Errorf("fetch actor %s: status %d", id, resp.StatusCode)
	}
	var actor remoteActor
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxDocument)).Decode(&actor); err != nil {
		return remoteActor{}, fmt.Errorf("decode actor %s: %w", id, err)
	}
	return actor, nil
}
