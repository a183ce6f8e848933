package server_test

import (
	"fmt"
	"log"
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/ui"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// fx is the seeded world every test of this package clones: built once by TestMain.
var fx *fixture

// Viewer names: who looks at the records of the matrix.
const (
	anonymous   = "anonymous"
	resident    = "resident"
	member      = "member"
	nonMember   = "nonMember"
	author      = "author"
	facilitator = "facilitator"
	moderator   = "moderator"
)

// Record shapes: the four visibilities of the matrix.
const (
	shapePublic         = "public"
	shapeCommunityAll   = "communityAll"
	shapeCommunityGroup = "communityGroup"
	shapePrivate        = "private"
)

// person is a viewer of the matrix: a user with a role and memberships, or anonymous.
type person struct {
	name, role, id, token string
	inGroup               bool // member of the community of communityGroup records
}

// record is one seeded content record and the facts the expectation model reads.
type record struct {
	coll, id, shape, status string
	deleted                 bool
}

// label names a record in cell names, e.g. "private-pending" or "public-published-deleted".
func (r record) label() string {
	l := r.shape + "-" + r.status
	if r.deleted {
		l += "-deleted"
	}
	return l
}

// fixture is the seeded world: viewers, the group community and the content records.
type fixture struct {
	dir      string
	viewers  []person
	records  []record
	authorID string
	groupID  string
	otherID  string // a community only nonMember belongs to
}

// viewer returns the person called name.
func (f *fixture) viewer(name string) person {
	for _, p := range f.viewers {
		if p.name == name {
			return p
		}
	}
	panic("no viewer " + name)
}

// requiredFields are the fields each content collection cannot be saved without.
var requiredFields = map[string]map[string]any{
	s.Organisations: {"name": "Association du Landy"},
	s.Initiatives:   {"name": "Jardin partagé des Francs-Moisins"},
	s.Events:        {"title": "Atelier vélo", "start": "2026-12-05 14:00:00.000Z"},
	s.Offers:        {"title": "Perceuse à prêter", "kind": "offer", "mode": "loan"},
}

func TestMain(m *testing.M) {
	// apis.NewRouter binds the dashboard's UI-extension route on OnServe without a hook id, so a
	// second ApiScenario on the same app registers it twice and panics (PocketBase v0.39.11).
	// These tests share an app per viewer and never load the dashboard: leave the UI out.
	ui.DistDirFS = nil
	dir, err := os.MkdirTemp("", "maillage_server_test_*")
	if err != nil {
		log.Fatal(err)
	}
	fx, err = seedTemplate(dir)
	if err != nil {
		log.Fatalf("seed template: %v", err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// cloneApp returns a test app on a copy of the seeded template, wired as main.go does.
func cloneApp(t testing.TB) *tests.TestApp {
	t.Helper()
	return testapp.Clone(t, fx.dir, server.Config{})
}

// seedTemplate migrates a data dir with the hooks bound, as main.go would, and seeds the
// matrix's users, communities and records.
func seedTemplate(dir string) (*fixture, error) {
	f := &fixture{dir: dir}
	return f, testapp.Seed(dir, func(app core.App) error {
		if err := seedPeople(app, f); err != nil {
			return err
		}
		return seedRecords(app, f)
	})
}

// seedPeople makes the viewers, two communities, and memberships: member (and author, who
// must be a member to post there) belong to the group of the records, nonMember to another
// community only.
func seedPeople(app core.App, f *fixture) error {
	owner, err := saveUser(app, "owner", s.RoleFacilitator)
	if err != nil {
		return err
	}
	group, err := saveRecord(app, s.Communities, map[string]any{"name": "Jardiniers du Landy", "owner": owner.Id})
	if err != nil {
		return err
	}
	other, err := saveRecord(app, s.Communities, map[string]any{"name": "Vélo Saint-Denis", "owner": owner.Id})
	if err != nil {
		return err
	}
	f.groupID, f.otherID = group.Id, other.Id
	f.viewers = []person{{name: anonymous}}
	roles := map[string]string{resident: s.RoleResident, member: s.RoleResident, nonMember: s.RoleResident,
		author: s.RoleResident, facilitator: s.RoleFacilitator, moderator: s.RoleModerator}
	for _, name := range []string{resident, member, nonMember, author, facilitator, moderator} {
		p, err := savePerson(app, name, roles[name])
		if err != nil {
			return err
		}
		p.inGroup = name == member || name == author // the author posts in the group
		f.viewers = append(f.viewers, p)
	}
	f.authorID = f.viewer(author).id
	for _, name := range []string{member, author} {
		if err := join(app, f.viewer(name).id, group.Id); err != nil {
			return err
		}
	}
	return join(app, f.viewer(nonMember).id, other.Id)
}

// savePerson saves a user and returns it as a viewer with an auth token.
func savePerson(app core.App, name, role string) (person, error) {
	u, err := saveUser(app, name, role)
	if err != nil {
		return person{}, err
	}
	token, err := u.NewAuthToken()
	if err != nil {
		return person{}, fmt.Errorf("token for %s: %w", name, err)
	}
	return person{name: name, role: role, id: u.Id, token: token}, nil
}

func saveUser(app core.App, name, role string) (*core.Record, error) {
	users, err := app.FindCollectionByNameOrId(s.Users)
	if err != nil {
		return nil, fmt.Errorf("users collection: %w", err)
	}
	u := core.NewRecord(users)
	u.SetEmail(name + "@example.org")
	u.SetPassword(testPassword)
	u.SetVerified(true)
	u.Set(s.FieldRole, role)
	u.Set("name", name)
	if err := app.Save(u); err != nil {
		return nil, fmt.Errorf("save user %s: %w", name, err)
	}
	return u, nil
}

// testPassword is the password of every seeded user.
const testPassword = "correct horse battery"

func join(app core.App, userID, communityID string) error {
	_, err := saveRecord(app, s.Memberships, map[string]any{"user": userID, "community": communityID, "role": "member"})
	return err
}

func saveRecord(app core.App, collection string, fields map[string]any) (*core.Record, error) {
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		return nil, fmt.Errorf("collection %s: %w", collection, err)
	}
	r := core.NewRecord(c)
	r.Load(fields)
	if err := app.Save(r); err != nil {
		return nil, fmt.Errorf("save %s record: %w", collection, err)
	}
	return r, nil
}

// seedRecords saves, in every content collection, one record per shape × state, all by author.
func seedRecords(app core.App, f *fixture) error {
	for _, coll := range s.Content {
		for _, shape := range []string{shapePublic, shapeCommunityAll, shapeCommunityGroup, shapePrivate} {
			for _, st := range states {
				r := record{coll: coll, shape: shape, status: st.status, deleted: st.deleted}
				id, err := saveContent(app, f, r)
				if err != nil {
					return err
				}
				r.id = id
				f.records = append(f.records, r)
			}
		}
	}
	return nil
}

// states are the moderation states of the matrix: each status, and a published record deleted.
var states = []struct {
	status  string
	deleted bool
}{{s.StatusPending, false}, {s.StatusPublished, false}, {s.StatusRejected, false}, {s.StatusPublished, true}}

// saveContent saves r without an author, so that the moderation hook keeps the requested status,
// then sets the author: updates keep the status.
func saveContent(app core.App, f *fixture, r record) (string, error) {
	fields := map[string]any{s.FieldStatus: r.status, s.FieldDeleted: r.deleted, s.FieldVisibility: s.VisibilityPublic}
	switch r.shape {
	case shapeCommunityAll:
		fields[s.FieldVisibility] = s.VisibilityCommunity
	case shapeCommunityGroup:
		fields[s.FieldVisibility], fields[s.FieldCommunity] = s.VisibilityCommunity, f.groupID
	case shapePrivate:
		fields[s.FieldVisibility] = s.VisibilityPrivate
	}
	for k, v := range requiredFields[r.coll] {
		fields[k] = v
	}
	rec, err := saveRecord(app, r.coll, fields)
	if err != nil {
		return "", err
	}
	rec.Set(s.FieldAuthor, f.authorID)
	if err := app.Save(rec); err != nil {
		return "", fmt.Errorf("set author of %s %s: %w", r.coll, r.label(), err)
	}
	if got := rec.GetString(s.FieldStatus); got != r.status {
		return "", fmt.Errorf("%s %s: status %q, want %q", r.coll, r.label(), got, r.status)
	}
	return rec.Id, nil
}
