package secrets_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/internal/secrets"
)

type pair struct{ A, B string }

func (p pair) Complete() bool { return p.A != "" && p.B != "" }

// TestGeneratedOnceAndKept: the first Get generates and stores the secret; another process
// (a new cache) reads the stored one and never generates again.
func TestGeneratedOnceAndKept(t *testing.T) {
	app, err := tests.NewTestApp()
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	generated := 0
	gen := func() (pair, error) { generated++; return pair{"pub", strings.Repeat("x", generated)}, nil }
	var first, second secrets.Cache[pair]
	a, err := first.Get(app, "testSecret", gen)
	if err != nil {
		t.Fatal(err)
	}
	b, err := second.Get(app, "testSecret", gen)
	if err != nil || a != b || generated != 1 {
		t.Fatalf("first %v, second %v (%v), generated %d times", a, b, err, generated)
	}
}

// TestIncompleteRefused: a stored value missing a key is an error that names it, not a
// secret with an empty key (control: the complete value above is accepted).
func TestIncompleteRefused(t *testing.T) {
	app, err := tests.NewTestApp()
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	if _, err := app.DB().NewQuery(`INSERT INTO _params (id, value) VALUES ('half', '{"A":"pub"}')`).Execute(); err != nil {
		t.Fatal(err)
	}
	var c secrets.Cache[pair]
	_, err = c.Get(app, "half", func() (pair, error) { return pair{"a", "b"}, nil })
	if err == nil || !strings.Contains(err.Error(), "half") {
		t.Fatalf("want an error naming the secret, got %v", err)
	}
}
