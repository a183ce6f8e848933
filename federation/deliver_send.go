package federation

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// errNoAddress: nothing is signed while the site's public address is not set.
var errNoAddress = errors.New("the application URL is not set in the settings")

// siteBase is the site's public address (the application URL of the settings), "" when unset.
func siteBase(app core.App) string {
	base := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	if base == "http://localhost:8090" {
		return ""
	}
	return base
}

// sender is the queue's send: it POSTs activity, signed with the territory's key, to inbox.
func (f *federation) sender(app core.App) func(context.Context, string, []byte) error {
	return func(ctx context.Context, inbox string, activity []byte) error {
		base := siteBase(app)
		keys, err := f.keys.get(app)
		if err == nil && base == "" {
			err = errNoAddress
		}
		if err != nil {
			return err
		}
		return f.post(ctx, inbox, activity, base+actorPath+"#main-key", keys.PrivateKeyPEM)
	}
}

// post POSTs body, signed with keyID, to inbox, within fetchTimeout; an error status is a
// statusError.
func (f *federation) post(ctx context.Context, inbox string, body []byte, keyID, privatePEM string) error {
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	req, err := signedPost(ctx, inbox, body, keyID, privatePEM)
	if err != nil {
		return err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxDocument))
	if resp.StatusCode >= 300 {
		return statusError{resp.StatusCode}
	}
	return nil
}

// signedPost is the POST of body to inbox, signed with keyID.
func signedPost(ctx context.Context, inbox string, body []byte, keyID, privatePEM string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, inbox, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", ActivityJSON)
	return req, sign(req, body, keyID, privatePEM)
}
