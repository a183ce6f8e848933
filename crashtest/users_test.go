package crashtest

import (
	"context"
	"net/http"
	"testing"

	"github.com/maillage/maillage/internal/binarytest"
)

// user is a signed-in account of the server under test.
type user = binarytest.Account

// signIn signs an account of coll in with the common test password.
func (s *server) signIn(coll, email string) user {
	s.t.Helper()
	u, err := binarytest.SignIn(context.Background(), http.DefaultClient, s.URL(""), coll, email, password)
	if err != nil {
		s.t.Fatalf("sign in %s: %v", email, err)
	}
	return u
}

// admin signs the superuser in.
func (s *server) admin() user { return s.signIn("_superusers", adminEmail) }

// facilitator creates a verified facilitator (whose initiatives are published at once) through
// the superuser API and signs them in.
func (s *server) facilitator(email string) user {
	s.t.Helper()
	err := s.call(http.MethodPost, "/api/collections/users/records", s.admin().Token, map[string]any{
		"email": email, "password": password, "passwordConfirm": password,
		"name": "Crash", "role": "facilitator", "verified": true}, nil)
	if err != nil {
		s.t.Fatalf("create %s: %v", email, err)
	}
	return s.signIn("users", email)
}

// skipShort skips a test that builds and kills the real binary under -short.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("kills the real binary: run without -short")
	}
}
