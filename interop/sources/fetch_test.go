package sources_test

import (
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/interop/sources"
	s "github.com/maillage/maillage/schema"
)

// Each way a source can fail as a whole records a failed run with its reason (never the URL's
// key), and imports nothing. The bounds are the test's configuration, not sleeps: the slow server waits for the
// client to give up, after 200 ms.
func TestRunFailures(t *testing.T) {
	body := fixture(t)
	cases := []struct {
		name    string
		cfg     sources.Config
		handler func(base *string) http.Handler
		code    string
	}{
		{"server error", sources.Config{}, fixed(statusHandler(http.StatusInternalServerError)), "source_fetch_status"},
		{"slow", sources.Config{Timeout: 200 * time.Millisecond}, fixed(blockUntilClientLeaves()), "source_fetch_timeout"},
		{"too big, announced", sources.Config{MaxBytes: 1024}, fixed(&feed{body: body}), "source_fetch_too_big"},
		{"too big, streamed", sources.Config{MaxBytes: 1024}, fixed(streamed(body)), "source_fetch_too_big"},
		{"redirect loop", sources.Config{}, fixed(redirectTo("/")), "source_fetch_redirects"},
		{"redirect to a refused address", sources.Config{AllowNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}},
			func(base *string) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, strings.Replace(*base, "127.0.0.1", "127.0.0.2", 1)+"/data.csv", http.StatusFound)
				})
			}, "source_fetch_refused"},
		{"redirect to another scheme", sources.Config{}, fixed(redirectTo("ftp://example.org/data.csv?key=secret")), "source_fetch_scheme"},
		{"unusable content", sources.Config{}, fixed(&feed{body: []byte{}}), "source_import_failed"},
	}
	app := newApp(t, sources.Config{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.cfg.AllowNetworks == nil {
				c.cfg.AllowNetworks = loopback
			}
			var base string
			base = serve(t, c.handler(&base)).URL
			src := newSource(t, app, c.name, base+"/data.csv?key=secret", nil)
			row := run(t, sources.NewRunner(app, c.cfg), src)
			got := countsOf(t, row)
			if got.Status != s.RunFailed || got.Code != c.code || got.Created != 0 {
				t.Errorf("got %+v, want failed with %s and nothing created", got, c.code)
			}
			want := i18n.T(i18n.FR, c.code, nil)
			want = want[:strings.IndexByte(want+"{", '{')] // the text before its first placeholder
			msg := row.GetString(s.FieldRunMessage)
			if !i18n.Has(c.code) || !strings.HasPrefix(msg, want) {
				t.Errorf("message: got %q, want the French text of %s", msg, c.code)
			}
			if strings.Contains(msg, "secret") {
				t.Errorf("message %q shows the URL's key, which moderators must not read", msg)
			}
			t.Log(msg)
		})
	}
}

// fixed ignores the server's own address.
func fixed(h http.Handler) func(*string) http.Handler {
	return func(*string) http.Handler { return h }
}

// blockUntilClientLeaves answers nothing until the client gives up.
func blockUntilClientLeaves() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
}

// streamed sends body in chunks, without announcing its length.
func streamed(body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < len(body); i += 512 {
			_, _ = w.Write(body[i:min(i+512, len(body))])
			w.(http.Flusher).Flush()
		}
	})
}

// redirectTo redirects every request to target.
func redirectTo(target string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusFound)
	})
}
