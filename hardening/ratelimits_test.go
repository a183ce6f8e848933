package hardening_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/maillage/maillage/hardening"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

const signIn = "/api/collections/users/auth-with-password"

// limitOf is the MaxRequests of the default rule labelled label.
func limitOf(t *testing.T, label string) int {
	t.Helper()
	for _, r := range hardening.DefaultRateLimits().Rules {
		if r.Label == label {
			return r.MaxRequests
		}
	}
	t.Fatalf("no default rule %q", label)
	return 0
}

func TestDefaultsAreValidSettings(t *testing.T) {
	if err := hardening.DefaultRateLimits().Validate(); err != nil {
		t.Fatalf("the dashboard would refuse the defaults: %v", err)
	}
}

func TestDefaultsWrittenOnceAndAdminChangesKept(t *testing.T) {
	app := testapp.New(t, server.Config{})
	if app.Settings().RateLimits.Enabled {
		t.Fatal("control: a test app starts with rate limits off")
	}
	if err := hardening.ApplyDefaults(app); err != nil {
		t.Fatal(err)
	}
	if got := app.Settings().RateLimits; !got.Enabled || len(got.Rules) != len(hardening.DefaultRateLimits().Rules) {
		t.Fatalf("after the first start: %+v", got)
	}
	settings, _ := app.Settings().Clone()
	settings.RateLimits.Enabled = false // an administrator turns them off in the dashboard
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	if err := hardening.ApplyDefaults(app); err != nil {
		t.Fatal(err)
	}
	if app.Settings().RateLimits.Enabled {
		t.Fatal("a later start overrode the administrator's choice")
	}
}

// TestSignInSlowed: past the limit, every sign-in attempt from that address is refused with
// 429, the right password too; another address, and a server without the limits, still pass.
func TestSignInSlowed(t *testing.T) {
	srv := serve(t, server.Config{RateLimits: true})
	srv.trustForwardedFor(t)
	testapp.NewUser(t, srv.app, "ana@example.org", s.RoleResident)
	wrong := map[string]any{"identity": "ana@example.org", "password": "guess-guess"}
	right := map[string]any{"identity": "ana@example.org", "password": "correct horse battery"}
	n := limitOf(t, "*:auth")
	for i := 0; i < n; i++ {
		if got := srv.send(t, http.MethodPost, signIn, "203.0.113.7", "", wrong); got != http.StatusBadRequest {
			t.Fatalf("attempt %d: %d, want 400", i+1, got)
		}
	}
	if got, answer := srv.sendRead(t, http.MethodPost, signIn, "203.0.113.7", "", right); got != http.StatusTooManyRequests ||
		!strings.Contains(answer, "Trop de demandes") {
		t.Fatalf("attempt %d: %d %s, want 429 saying so in French", n+1, got, answer)
	}
	if got := srv.send(t, http.MethodPost, signIn, "203.0.113.8", "", right); got != http.StatusOK {
		t.Fatalf("control, another address: %d, want 200", got)
	}
	off := serve(t, server.Config{})
	testapp.NewUser(t, off.app, "ana@example.org", s.RoleResident)
	for i := 0; i <= n; i++ {
		if got := off.send(t, http.MethodPost, signIn, "", "", wrong); got != http.StatusBadRequest {
			t.Fatalf("control, no limits, attempt %d: %d, want 400", i+1, got)
		}
	}
}

// TestSignUpResetAndPushLimited: sign-up, password reset requests and sync pushes are each
// refused with 429 past their limit from one address, and pass from another.
func TestSignUpResetAndPushLimited(t *testing.T) {
	srv := serve(t, server.Config{RateLimits: true})
	srv.trustForwardedFor(t)
	_, token := testapp.NewUser(t, srv.app, "ana@example.org", s.RoleResident)
	cases := []struct {
		label, method, path, token string
		body                       func(i int) any
	}{
		{"users:create", http.MethodPost, "/api/collections/users/records", "", func(i int) any {
			return map[string]any{"email": "x" + string(rune('a'+i)) + "@example.org", "password": "long enough pw", "passwordConfirm": "long enough pw"}
		}},
		{"*:requestPasswordReset", http.MethodPost, "/api/collections/users/request-password-reset", "", func(int) any {
			return map[string]any{"email": "ana@example.org"}
		}},
		{"POST /api/sync/push", http.MethodPost, "/api/sync/push", token, func(int) any { return map[string]any{} }},
	}
	for _, c := range cases {
		n := limitOf(t, c.label)
		for i := 0; i < n; i++ {
			if got := srv.send(t, c.method, c.path, "198.51.100.1", c.token, c.body(i)); got == http.StatusTooManyRequests {
				t.Fatalf("%s: attempt %d refused with 429 within the limit of %d", c.label, i+1, n)
			}
		}
		if got := srv.send(t, c.method, c.path, "198.51.100.1", c.token, c.body(n)); got != http.StatusTooManyRequests {
			t.Errorf("%s: attempt %d: %d, want 429", c.label, n+1, got)
		}
		if got := srv.send(t, c.method, c.path, "198.51.100.2", c.token, c.body(n+1)); got == http.StatusTooManyRequests {
			t.Errorf("%s: control, another address refused with 429", c.label)
		}
	}
}
