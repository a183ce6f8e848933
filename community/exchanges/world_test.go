package exchanges_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// world is a served app with the people of an exchange: the offer's owner (a facilitator, so
// their offers publish at once), someone interested in it, a neighbour with nothing to do with
// it, a moderator, and an anonymous visitor.
type world struct {
	srv                                 *synctest.Srv
	owner, interested, other, moderator *synctest.User
	anonymous                           *synctest.User
}

func newWorld(t *testing.T) *world {
	t.Helper()
	srv := synctest.Start(t, server.Config{})
	return &world{
		srv:        srv,
		owner:      srv.NewUser(t, "owner@example.org", s.RoleFacilitator),
		interested: srv.NewUser(t, "interested@example.org", s.RoleResident),
		other:      srv.NewUser(t, "other@example.org", s.RoleResident),
		moderator:  srv.NewUser(t, "moderator@example.org", s.RoleModerator),
		anonymous:  srv.Anonymous(),
	}
}

// save saves a record of collection through the app (every model hook runs) and returns it.
func (w *world) save(t *testing.T, collection string, fields map[string]any) *core.Record {
	t.Helper()
	c, err := w.srv.App.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatalf("collection %s: %v", collection, err)
	}
	r := core.NewRecord(c)
	r.Load(fields)
	if err := w.srv.App.Save(r); err != nil {
		t.Fatalf("save %s: %v", collection, err)
	}
	return r
}

// offer is a published public offer of the owner's, of mode.
func (w *world) offer(t *testing.T, mode string) *core.Record {
	t.Helper()
	return w.save(t, s.Offers, map[string]any{"title": "Perceuse", "kind": "offer", "mode": mode,
		s.FieldAuthor: w.owner.ID(), s.FieldVisibility: s.VisibilityPublic})
}

// conversation opens a conversation about offer between its owner and u, as "I'm interested"
// does.
func (w *world) conversation(t *testing.T, offer *core.Record, u *synctest.User) *core.Record {
	t.Helper()
	return w.save(t, "conversations", map[string]any{"participants": []string{u.ID(), w.owner.ID()},
		s.FieldAuthor: u.ID(), "offer": offer.Id})
}

// booking saves a booking of offer by u from start to end (dates, UTC midnights) as requested.
func (w *world) booking(t *testing.T, offer *core.Record, u *synctest.User, start, end string) *core.Record {
	t.Helper()
	return w.save(t, s.Bookings, map[string]any{"offer": offer.Id, s.FieldAuthor: u.ID(),
		"start": start + " 00:00:00.000Z", "end": end + " 00:00:00.000Z"})
}

// reload reads rec again from the database.
func (w *world) reload(t *testing.T, rec *core.Record) *core.Record {
	t.Helper()
	fresh, err := w.srv.App.FindRecordById(rec.Collection().Name, rec.Id)
	if err != nil {
		t.Fatalf("reload %s/%s: %v", rec.Collection().Name, rec.Id, err)
	}
	return fresh
}

// patch updates rec as u through the REST API, and returns the status and the body.
func patch(t *testing.T, u *synctest.User, rec *core.Record, body map[string]any) (int, string) {
	t.Helper()
	status, data, err := u.Call(http.MethodPatch, recordPath(rec.Collection().Name, rec.Id), body)
	if err != nil {
		t.Fatalf("patch %s/%s: %v", rec.Collection().Name, rec.Id, err)
	}
	return status, string(data)
}

func recordPath(collection, id string) string {
	p := "/api/collections/" + collection + "/records"
	if id != "" {
		p += "/" + id
	}
	return p
}

// errorCode returns the code of field's error in an API error body, "" when there is none.
func errorCode(body, field string) string {
	var e struct {
		Data map[string]struct {
			Code string `json:"code"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		return ""
	}
	return e.Data[field].Code
}

// mustContain fails unless text contains every one of want.
func mustContain(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: %q lacks %q", what, text, w)
		}
	}
}
