package sources_test

import (
	"net"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/maillage/maillage/interop/sources"
	s "github.com/maillage/maillage/schema"
)

// By default a source on the server's own loopback (by address or by name) is refused before
// any request reaches it; allowing its network lets the same source through (the negative
// control: the refusal comes from the guard, not from the test server).
func TestGuardOnLoopback(t *testing.T) {
	app := newApp(t, sources.Config{})
	v4 := &feed{body: fixture(t)}
	v6 := &feed{body: fixture(t)}
	url4, url6 := serve(t, v4).URL, serveV6(t, v6)
	byName := strings.Replace(url4, "127.0.0.1", "localhost", 1)
	cases := []struct {
		name, url string
		allow     string
		f         *feed
		want      string
	}{
		{"127.0.0.1 refused", url4, "", v4, s.RunFailed},
		{"localhost refused", byName, "", v4, s.RunFailed},
		{"[::1] refused", url6, "", v6, s.RunFailed},
		{"127.0.0.1 allowed", url4, "127.0.0.0/8", v4, s.RunOK},
		{"[::1] allowed", url6, "::1/128", v6, s.RunOK},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			allow, err := sources.ParseNetworks(c.allow)
			if err != nil {
				t.Fatal(err)
			}
			src := newSource(t, app, "source-"+string(rune('a'+i)), c.url, nil)
			before := c.f.count()
			got := countsOf(t, run(t, sources.NewRunner(app, sources.Config{AllowNetworks: allow}), src))
			reached := c.f.count() - before
			if got.Status != c.want || (c.want == s.RunFailed) != (reached == 0) {
				t.Errorf("got %+v with %d requests reaching the server, want %s", got, reached, c.want)
			}
			if c.want == s.RunFailed && got.Code != "source_fetch_refused" {
				t.Errorf("code: got %s, want source_fetch_refused", got.Code)
			}
		})
	}
}

// serveV6 starts f on [::1] and returns its URL.
func serveV6(t testing.TB, f *feed) string {
	t.Helper()
	l, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Fatalf("listen on [::1] (IPv6 loopback is needed): %v", err)
	}
	srv := httptest.NewUnstartedServer(f)
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.URL
}
