package hardening_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/maillage/maillage/hardening"
	"github.com/maillage/maillage/internal/server"
	pbpublic "github.com/maillage/maillage/pb_public"
)

func TestPolicyTileSources(t *testing.T) {
	cases := map[string]string{
		"":                             "img-src 'self' blob: data:; connect-src 'self';",
		"/api/basemap/{z}/{x}/{y}.png": "img-src 'self' blob: data:; connect-src 'self';",
		"https://tile.example.org/{z}/{x}/{y}.png":  "img-src 'self' blob: data: https://tile.example.org; connect-src 'self' https://tile.example.org;",
		"https://{s}.tile.osm.org/{z}/{x}/{y}.png":  "img-src 'self' blob: data: https://*.tile.osm.org;",
		"http://127.0.0.1:8081/tiles/{z}/{x}/{y}":   "img-src 'self' blob: data: http://127.0.0.1:8081;",
		"https://tiles-{s}.example.org/{z}/{x}/{y}": "img-src 'self' blob: data: https://*.example.org;",
		"https://tile.{s}.example.org/{z}/{x}/{y}":  "img-src 'self' blob: data: https:;",
		"javascript:alert(1)//{z}":                  "img-src 'self' blob: data:; connect-src 'self';",
	}
	for tiles, want := range cases {
		if got := hardening.Policy(tiles); !strings.Contains(got, want) {
			t.Errorf("Policy(%q) = %q, want it to hold %q", tiles, got, want)
		}
	}
}

func TestPolicyHasNoInlineScript(t *testing.T) {
	p := hardening.Policy("https://tile.example.org/{z}/{x}/{y}.png")
	for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "*;", " *"} {
		if strings.Contains(p, bad) {
			t.Errorf("policy allows %s: %s", bad, p)
		}
	}
	for _, need := range []string{"script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'"} {
		if !strings.Contains(p, need) {
			t.Errorf("policy lacks %s: %s", need, p)
		}
	}
}

// TestPolicyServed: the PWA's page, scripts and worker carry the policy; the dashboard, which
// runs inline code of its own, keeps PocketBase's headers.
func TestPolicyServed(t *testing.T) {
	tiles := "https://tile.example.org/{z}/{x}/{y}.png"
	srv := serve(t, server.Config{Public: pbpublic.FS, TileURL: tiles})
	for _, path := range []string{"/", "/index.html", "/app.js", "/sw.js", "/api/maillage/config"} {
		res := get(t, srv.url+path)
		if got := res.Header.Get(hardening.HeaderCSP); got != hardening.Policy(tiles) {
			t.Errorf("GET %s (%d): CSP %q", path, res.StatusCode, got)
		}
	}
	res := get(t, srv.url+"/_/")
	if res.StatusCode != http.StatusOK || res.Header.Get(hardening.HeaderCSP) != "" {
		t.Errorf("GET /_/: %d, CSP %q; want 200 and the dashboard's own headers", res.StatusCode, res.Header.Get(hardening.HeaderCSP))
	}
}

// get fetches url and closes the body.
func get(t *testing.T, url string) *http.Response {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}
