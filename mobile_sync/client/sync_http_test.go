package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/client"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The reference client against the real server over HTTP. The seeded simulation
// (mobile_sync/simulation) drives it under faults; these tests pin single behaviours.

func newClient(srv *synctest.Srv, u *synctest.User) *client.Client {
	return client.New(client.Options{BaseURL: srv.URL, Token: u.Token, HTTP: srv.HTTP})
}

func mustSync(t *testing.T, c *client.Client) {
	t.Helper()
	if err := c.Sync(context.Background()); err != nil {
		t.Fatalf("sync: %v", err)
	}
}

func text(t *testing.T, v map[string]json.RawMessage, field string) string {
	t.Helper()
	var out string
	if err := json.Unmarshal(v[field], &out); err != nil {
		t.Fatalf("field %s = %s: %v", field, v[field], err)
	}
	return out
}

// Two devices of one user edit different fields of a record; each sees the other's edit
// rebased under its own pending one, and both converge on both edits.
func TestTwoDevicesConvergeAndRebase(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	ana := srv.NewUser(t, "ana@example.org", s.RoleFacilitator)
	phone, laptop := newClient(srv, ana), newClient(srv, ana)
	id, err := phone.Create(s.Initiatives, map[string]any{"name": "Jardin", "address": "1 rue", s.FieldAuthor: ana.ID()})
	if err != nil {
		t.Fatal(err)
	}
	mustSync(t, phone)
	mustSync(t, laptop)
	if err := phone.Update(s.Initiatives, id, map[string]any{"name": "Jardin partagé"}); err != nil {
		t.Fatal(err)
	}
	if err := laptop.Update(s.Initiatives, id, map[string]any{"address": "2 rue"}); err != nil {
		t.Fatal(err)
	}
	mustSync(t, phone)
	if err := laptop.Pull(context.Background()); err != nil {
		t.Fatal(err)
	}
	v, _ := laptop.Get(s.Initiatives, id)
	if text(t, v, "name") != "Jardin partagé" || text(t, v, "address") != "2 rue" {
		t.Fatalf("laptop's view after pulling: name %s, address %s; want the phone's name under its pending address", v["name"], v["address"])
	}
	mustSync(t, laptop)
	mustSync(t, phone)
	for who, c := range map[string]*client.Client{"phone": phone, "laptop": laptop} {
		row, ok := c.ServerRow(s.Initiatives, id)
		if !ok || text(t, row.R, "name") != "Jardin partagé" || text(t, row.R, "address") != "2 rue" || len(c.Outbox()) > 0 {
			t.Errorf("%s holds %v (outbox %d), want both edits from the server", who, row.R, len(c.Outbox()))
		}
	}
}

// A server restored to before a push reports a lower lastMutationSeq: the client puts the
// lost mutations back in its outbox and the next sync applies them again.
func TestResendsWhatARestoredServerLost(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	ana := srv.NewUser(t, "ana@example.org", s.RoleFacilitator)
	c := newClient(srv, ana)
	id, _ := c.Create(s.Initiatives, map[string]any{"name": "Atelier vélo", s.FieldAuthor: ana.ID()})
	mustSync(t, c)
	forget(t, srv, c.ID(), id)
	if _, err := srv.App.FindRecordById(s.Initiatives, id); err == nil {
		t.Fatal("control: the record is still on the server, the restore was not simulated")
	}
	mustSync(t, c)
	rec, err := srv.App.FindRecordById(s.Initiatives, id)
	if err != nil || rec.GetString("name") != "Atelier vélo" {
		t.Fatalf("after the client's next sync the server holds %v (%v), want the create applied again", rec, err)
	}
	if len(c.Outbox()) != 0 || len(c.Journal()) != 1 {
		t.Errorf("outbox %d, journal %d; want 0 and 1", len(c.Outbox()), len(c.Journal()))
	}
}

// forget rolls the server back to before the client's first mutation, as a restored backup.
func forget(t *testing.T, srv *synctest.Srv, clientID, id string) {
	t.Helper()
	rec, err := srv.App.FindRecordById(s.Initiatives, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.App.Delete(rec); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"DELETE FROM _sync_mutations WHERE clientId = {:c}",
		"UPDATE _sync_clients SET lastMutationSeq = 0 WHERE clientId = {:c}",
	} {
		if _, err := srv.App.DB().NewQuery(q).Bind(dbx.Params{"c": clientID}).Execute(); err != nil {
			t.Fatal(err)
		}
	}
}

// A membership granted while a device has pending edits resets its collections: it
// re-snapshots, now sees the community's records, and still pushes its outbox.
func TestResetKeepsTheOutbox(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	owner := srv.NewUser(t, "owner@example.org", s.RoleFacilitator)
	ana := srv.NewUser(t, "ana@example.org", s.RoleResident)
	community := testapp.NewRecord(t, srv.App, s.Communities, map[string]any{"name": "Collectif", "owner": owner.ID()})
	private := testapp.NewRecord(t, srv.App, s.Initiatives, map[string]any{
		"name": "Réunion du collectif", s.FieldAuthor: owner.ID(), s.FieldCommunity: community.Id, s.FieldVisibility: s.VisibilityCommunity})
	c := newClient(srv, ana)
	mustSync(t, c)
	if _, ok := c.Get(s.Initiatives, private.Id); ok {
		t.Fatal("control: a non-member already holds the community's record")
	}
	mine, _ := c.Create(s.Initiatives, map[string]any{"name": "Troc de graines", s.FieldAuthor: ana.ID()})
	testapp.NewRecord(t, srv.App, s.Memberships, map[string]any{"community": community.Id, "user": ana.ID(), "role": "member"})
	mustSync(t, c)
	if _, ok := c.ServerRow(s.Initiatives, private.Id); !ok {
		t.Error("after the membership the device does not hold the community's record")
	}
	if _, ok := c.ServerRow(s.Initiatives, mine); !ok || len(c.Outbox()) != 0 {
		t.Errorf("the pending create was not pushed through the reset (outbox %d)", len(c.Outbox()))
	}
}

// failOnce fails the first request whose body contains marker, as a dropped request.
type failOnce struct {
	marker string
	done   bool
}

func (f *failOnce) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil && !f.done {
		body, _ := io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
		if bytes.Contains(body, []byte(f.marker)) {
			f.done = true
			return nil, errors.New("dropped")
		}
	}
	return http.DefaultTransport.RoundTrip(req)
}

// A reset whose re-snapshot fails midway leaves the store and the cursor as they were: when
// the user's scope then comes back to the old one, the device still holds what it may read.
// (Found by simulation seed 101: the client replaced some stores and kept its old cursor.)
func TestResetFailingMidwayKeepsStoreAndCursorConsistent(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	owner := srv.NewUser(t, "owner@example.org", s.RoleFacilitator)
	ana := srv.NewUser(t, "ana@example.org", s.RoleResident)
	community := testapp.NewRecord(t, srv.App, s.Communities, map[string]any{"name": "Collectif", "owner": owner.ID()})
	hers := testapp.NewRecord(t, srv.App, s.Memberships, map[string]any{"community": community.Id, "user": ana.ID(), "role": "member"})
	drop := &failOnce{marker: `"collection":"syncConflicts"`, done: true}
	c := client.New(client.Options{BaseURL: srv.URL, Token: ana.Token, HTTP: &http.Client{Transport: drop}})
	mustSync(t, c)
	want := len(c.ServerIDs(s.Memberships)) // hers and the owner's
	if err := srv.App.Delete(hers); err != nil {
		t.Fatal(err)
	}
	drop.done = false // the re-snapshot after the scope reset fails at its last collection
	if err := c.Sync(context.Background()); err == nil {
		t.Fatal("control: the sync after leaving the community did not fail")
	}
	testapp.NewRecord(t, srv.App, s.Memberships, map[string]any{"community": community.Id, "user": ana.ID(), "role": "member"})
	mustSync(t, c)
	if got := len(c.ServerIDs(s.Memberships)); got != want {
		t.Errorf("back in the community the device holds %d memberships, its user may read %d", got, want)
	}
}
