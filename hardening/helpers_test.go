package hardening_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
)

// served is a test app served on a loopback HTTP server, as `maillage serve` serves it.
type served struct {
	app *tests.TestApp
	url string
}

// serve builds a test app with cfg, runs every OnServe handler (the first start's work
// included) and serves its router on loopback, without the router middlewares named by
// without (negative controls).
func serve(t *testing.T, cfg server.Config, without ...string) *served {
	t.Helper()
	app := testapp.New(t, cfg)
	srv := httptest.NewServer(testapp.Router(t, app, without...))
	t.Cleanup(srv.Close)
	return &served{app: app, url: srv.URL}
}

// trustForwardedFor makes the app read the client's address from X-Forwarded-For, as behind a
// proxy, so that one test can speak from several addresses.
func (s *served) trustForwardedFor(t *testing.T) {
	t.Helper()
	settings := s.app.Settings()
	settings.TrustedProxy.Headers = []string{"X-Forwarded-For"}
	if err := s.app.Save(settings); err != nil {
		t.Fatal(err)
	}
}

// send makes a request with a JSON body from the client address ip ("" for none) and returns
// the status.
func (s *served) send(t *testing.T, method, path, ip, token string, body any) int {
	t.Helper()
	status, _ := s.sendRead(t, method, path, ip, token, body)
	return status
}

// sendRead is send, also returning the answer, asked for in French.
func (s *served) sendRead(t *testing.T, method, path, ip, token string, body any) (int, string) {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(method, s.url+path, bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if ip != "" {
		req.Header.Set("X-Forwarded-For", ip)
	}
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	req.Header.Set("Accept-Language", "fr")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	answer, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(answer)
}
