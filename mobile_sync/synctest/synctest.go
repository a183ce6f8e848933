// Package synctest is the shared harness of the sync tests: a real Maillage app (testapp.New:
// real migrations, hooks and sync routes) served over real HTTP, users with roles, and helpers
// that call the sync endpoints, decode their answers and check every answer for leaks.
//
//	srv := synctest.Start(t, server.Config{})
//	alice := srv.NewUser(t, "alice@example.org", schema.RoleResident)
//	snap := alice.SnapshotAll(t, schema.Initiatives) // every page, leak-checked
//	page := alice.Pull(t, mobilesync.PullRequest{Cursor: snap.Cursor})
//	res := alice.Push(t, mobilesync.PushRequest{Mutations: muts}) // ClientID filled in
//
// The leak check (CheckReadable) runs on every snapshot record, every pulled put and every
// pushed result's record: the row must be listed for this user by PocketBase's own record API
// (GET /api/collections/{c}/records with the user's token, so the collection's list rule and
// the OnRecordEnrich hooks decide, not the sync code), and every field of the sync copy must
// equal the REST copy, so a hidden field (an email, an offer's exact location) or a field the
// REST API would not show fails the test. The check compares against the database as it is
// when the check runs: call the helpers from one goroutine while no other write is in flight.
//
// Calls that must fail are made with User.Call, which returns the status and body unchecked.
// Srv.App is the app itself, for writes that bypass HTTP (superuser saves, raw SQL, hooks).
package synctest

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
)

// Srv is a test app served over real HTTP at URL. It is closed when the test ends.
type Srv struct {
	App *tests.TestApp
	URL string
	// HTTP is a plain client for the server (no timeout: tests are bounded by go test).
	HTTP *http.Client
}

// Start builds an app with testapp.New(t, cfg), runs its OnServe hooks on a real PocketBase
// router (so the routes bound there, /api/sync/* included, are served) and serves it.
func Start(t testing.TB, cfg server.Config) *Srv {
	t.Helper()
	return Serve(t, testapp.New(t, cfg))
}

// Serve serves an app already built (e.g. by testapp.Clone) over real HTTP.
func Serve(t testing.TB, app *tests.TestApp) *Srv {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatalf("synctest: router: %v", err)
	}
	var handler http.Handler
	se := &core.ServeEvent{App: app, Router: router}
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		handler = mux
		return err
	})
	if err != nil {
		t.Fatalf("synctest: serve: %v", err)
	}
	hs := httptest.NewServer(handler)
	t.Cleanup(hs.Close)
	return &Srv{App: app, URL: hs.URL, HTTP: hs.Client()}
}

// User is a signed-in user (or anonymous, or a superuser) calling the server with its token
// and its own sync client id.
type User struct {
	Srv *Srv
	// Record is the users record; nil for the anonymous user.
	Record *core.Record
	// Token is the PocketBase auth token; "" for the anonymous user.
	Token string
	// ClientID is this user's device id, used when a request leaves clientId empty.
	ClientID string
	// Lang, when set, is sent as Accept-Language: the language of the server's messages
	// (unless the user's profile names one).
	Lang string
}

// NewUser creates a verified user with role (testapp.NewUser) and a fresh client id.
func (s *Srv) NewUser(t testing.TB, email, role string) *User {
	t.Helper()
	rec, token := testapp.NewUser(t, s.App, email, role)
	return &User{Srv: s, Record: rec, Token: token, ClientID: NewClientID()}
}

// Anonymous returns a user without a token.
func (s *Srv) Anonymous() *User {
	return &User{Srv: s, ClientID: NewClientID()}
}

// Superuser creates a superuser and returns it as a User (it bypasses every rule).
func (s *Srv) Superuser(t testing.TB, email string) *User {
	t.Helper()
	coll, err := s.App.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatalf("synctest: superusers: %v", err)
	}
	rec := core.NewRecord(coll)
	rec.SetEmail(email)
	rec.SetPassword("correct horse battery")
	if err := s.App.Save(rec); err != nil {
		t.Fatalf("synctest: save superuser: %v", err)
	}
	token, err := rec.NewAuthToken()
	if err != nil {
		t.Fatalf("synctest: superuser token: %v", err)
	}
	return &User{Srv: s, Record: rec, Token: token, ClientID: NewClientID()}
}

// ID is the user's record id, "" for the anonymous user.
func (u *User) ID() string {
	if u.Record == nil {
		return ""
	}
	return u.Record.Id
}

// Device returns the same user on another device (same token, new client id).
func (u *User) Device() *User {
	d := *u
	d.ClientID = NewClientID()
	return &d
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// NewID returns a random PocketBase id (15 characters a-z, 0-9), as clients generate them.
func NewID() string {
	b := make([]byte, 15)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("synctest: random id: %v", err))
	}
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b)
}

// NewClientID returns a fresh sync client id (a PocketBase id).
func NewClientID() string { return NewID() }
