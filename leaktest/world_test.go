package leaktest

import (
	"fmt"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/push"
	"github.com/maillage/maillage/push/pushtest"
	s "github.com/maillage/maillage/schema"
)

// viewer is one person of the matrix: a role of the visibility model, with its client.
type viewer struct {
	name string
	role string // "" for the anonymous viewer
	*synctest.User
}

// world is the generated app: viewers, records and the canaries their values carry.
type world struct {
	srv     *synctest.Srv
	viewers []*viewer
	by      map[string]*viewer
	// recs are the generated records, by id, as stored (read back after every hook ran).
	recs  map[string]*core.Record
	order []*core.Record
	// canaries maps each canary token to what it marks.
	canaries map[string]canary
	commA    string // the community of author, member, facilitator (owner) and trusted
	commB    string // the other community (outsider)
	seq      int
	// members lists each community's members by viewer name (owners are coordinators).
	members map[string][]string
	// push is the loopback push service; browsers the viewers' subscriptions' keys.
	push     *pushService
	browsers map[string]*pushtest.Browser
}

// canary marks one value: field of record id in coll.
type canary struct {
	token, coll, field, id string
}

func (c canary) String() string { return c.coll + "/" + c.id + "." + c.field }

// viewerSpecs are the viewers of the visibility model: name, role, profile visibility.
var viewerSpecs = [][3]string{
	{"stranger", s.RoleResident, "private"},
	{"member", s.RoleResident, "members"},
	{"author", s.RoleResident, "public"},
	{"outsider", s.RoleResident, "members"},
	{"trusted", s.RoleResident, "public"},
	{"facilitator", s.RoleFacilitator, "public"},
	{"moderator", s.RoleModerator, "members"},
	{"blocked", s.RoleResident, "private"},
}

// newWorld serves a fresh app and generates its world.
func newWorld(t testing.TB) *world {
	t.Helper()
	ps := newPushService(t)
	w := &world{srv: synctest.Start(t, server.Config{Push: push.Config{Hosts: []string{ps.host()}}}), push: ps, by: map[string]*viewer{},
		recs: map[string]*core.Record{}, canaries: map[string]canary{}, members: map[string][]string{}}
	w.addViewer(&viewer{name: "anonymous", User: w.srv.Anonymous()})
	for _, spec := range viewerSpecs {
		w.addUser(t, spec[0], spec[1], spec[2])
	}
	w.subscribePush(t)
	w.generate(t)
	w.refresh(t)
	return w
}

func (w *world) addViewer(v *viewer) {
	w.viewers = append(w.viewers, v)
	w.by[v.name] = v
}

// addUser creates a viewer's users record with canaries in its profile, as its own client.
func (w *world) addUser(t testing.TB, name, role, profile string) {
	t.Helper()
	rec := w.save(t, s.Users, map[string]any{
		s.FieldRole: role, s.FieldProfileVisibility: profile, "verified": true, "geoConsent": true,
		"emailVisibility": false, "password": "correct horse battery", "passwordConfirm": "correct horse battery",
	})
	token, err := rec.NewAuthToken()
	if err != nil {
		t.Fatalf("token of %s: %v", name, err)
	}
	u := &synctest.User{Srv: w.srv, Record: rec, Token: token, ClientID: synctest.NewClientID()}
	w.addViewer(&viewer{name: name, role: role, User: u})
}

// id returns the id of viewer name's users record.
func (w *world) id(name string) string { return w.by[name].ID() }

// newID returns a fresh record id (15 characters a-z, 0-9) unique in the world.
func (w *world) newID() string {
	w.seq++
	return fmt.Sprintf("lk%013d", w.seq)
}

// refresh reads every generated record again: later writes (comments, reports, links) may
// have changed earlier ones, and the oracle judges records as they are.
func (w *world) refresh(t testing.TB) {
	t.Helper()
	for i, r := range w.order {
		fresh, err := w.srv.App.FindRecordById(r.Collection().Name, r.Id)
		if err != nil {
			t.Fatalf("refresh %s/%s: %v", r.Collection().Name, r.Id, err)
		}
		w.order[i], w.recs[r.Id] = fresh, fresh
	}
}
