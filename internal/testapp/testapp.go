// Package testapp builds Maillage test apps exactly as main.go does (real migrations, real
// hooks, real routes) on a temporary data dir, and seeds users with roles.
//
//	app := testapp.New(t, server.Config{})
//	alice, token := testapp.NewUser(t, app, "alice@example.org", schema.RoleResident)
package testapp

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/internal/dbconnect"
	"github.com/maillage/maillage/internal/server"
	_ "github.com/maillage/maillage/migrations" // registers the schema
	s "github.com/maillage/maillage/schema"
)

// New returns a test app on a fresh data dir, migrated and wired with server.Bind, its
// database opened as main.go opens it (its statements kept prepared) but synchronous=NORMAL
// (no power cut threatens a test). It is cleaned up when the test ends.
func New(t testing.TB, cfg server.Config) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: t.TempDir(), DBConnect: dbconnect.ConnectNormal})
	if err != nil {
		t.Fatalf("new test app: %v", err)
	}
	t.Cleanup(app.Cleanup)
	if err := server.Bind(app, cfg); err != nil {
		t.Fatalf("bind: %v", err)
	}
	return app
}

// Clone returns a test app on a copy of dataDir (a directory seeded once, for speed), wired
// with server.Bind. Auth tokens made in dataDir stay valid in the clone.
func Clone(t testing.TB, dataDir string, cfg server.Config) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: dataDir, EncryptionEnv: "pb_test_env", DBConnect: dbconnect.ConnectNormal})
	if err != nil {
		t.Fatalf("clone test app: %v", err)
	}
	t.Cleanup(app.Cleanup)
	if err := server.Bind(app, cfg); err != nil {
		t.Fatalf("bind: %v", err)
	}
	return app
}

// NewUser creates a verified user with the given role and returns it with an auth token.
func NewUser(t testing.TB, app core.App, email, role string) (*core.Record, string) {
	t.Helper()
	users, err := app.FindCollectionByNameOrId(s.Users)
	if err != nil {
		t.Fatalf("users collection: %v", err)
	}
	u := core.NewRecord(users)
	u.SetEmail(email)
	u.SetPassword("correct horse battery")
	u.SetVerified(true)
	u.Set(s.FieldRole, role)
	u.Set("name", email)
	if err := app.Save(u); err != nil {
		t.Fatalf("save user %s: %v", email, err)
	}
	token, err := u.NewAuthToken()
	if err != nil {
		t.Fatalf("token for %s: %v", email, err)
	}
	return u, token
}

// NewRecord saves a record of collection with fields through the app (every model hook runs)
// and returns it.
func NewRecord(t testing.TB, app core.App, collection string, fields map[string]any) *core.Record {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatalf("collection %s: %v", collection, err)
	}
	r := core.NewRecord(c)
	r.Load(fields)
	if err := app.Save(r); err != nil {
		t.Fatalf("save %s record: %v", collection, err)
	}
	return r
}
