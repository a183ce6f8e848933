package discussions_test

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

// The seeded world of the rule matrix, built once by TestMain and cloned by each test:
//   - owner, a facilitator in the group community, writes the commented initiatives;
//   - author, a resident in the group and a member of the organisation, writes the threads,
//     posts and comments of the matrix;
//   - member, a resident in the group and a member of the organisation;
//   - resident, another resident: in no community, no organisation's member;
//   - moderator; and anonymous.

// Viewer names.
const (
	anonymous = "anonymous"
	resident  = "resident"
	member    = "member"
	author    = "author"
	moderator = "moderator"
	owner     = "owner"
)

var wd *world

// person is a viewer: a user with a role, a token and memberships, or anonymous.
type person struct {
	name, role, id, token string
	inGroup, inOrg        bool
}

// rec is one seeded record and the facts the model reads; a comment's target is another rec.
type rec struct {
	coll, id, label     string
	vis, status, author string
	group, deleted      bool
	target              *rec
}

// world is the seeded template: its data dir, people, the group, the organisation and records.
type world struct {
	dir          string
	people       []person
	groupID, org string
	records      []*rec
	targets      []*rec // initiatives and a thread, the targets of the comments of the matrix
}

func (w *world) person(name string) person {
	for _, p := range w.people {
		if p.name == name {
			return p
		}
	}
	panic("no person " + name)
}

func (w *world) byLabel(label string) *rec {
	for _, r := range append(w.records, w.targets...) {
		if r.label == label {
			return r
		}
	}
	panic("no record " + label)
}

func TestMain(m *testing.M) {
	ui.DistDirFS = nil // see internal/server/fixture_test.go: no dashboard in test apps
	dir, err := os.MkdirTemp("", "maillage_discussions_test_*")
	if err != nil {
		log.Fatal(err)
	}
	wd, err = seedWorld(dir)
	if err != nil {
		log.Fatalf("seed: %v", err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// clone returns a test app on a copy of the seeded world, wired as main.go does.
func clone(t testing.TB) *tests.TestApp {
	t.Helper()
	return testapp.Clone(t, wd.dir, server.Config{})
}

func seedWorld(dir string) (*world, error) {
	w := &world{dir: dir}
	return w, testapp.Seed(dir, func(app core.App) error {
		if err := seedPeople(app, w); err != nil {
			return err
		}
		return seedRecords(app, w)
	})
}

func seedPeople(app core.App, w *world) error {
	roles := map[string]string{owner: s.RoleFacilitator, author: s.RoleResident, member: s.RoleResident,
		resident: s.RoleResident, moderator: s.RoleModerator}
	w.people = []person{{name: anonymous}}
	for _, name := range []string{owner, author, member, resident, moderator} {
		p, err := newPerson(app, name, roles[name])
		if err != nil {
			return err
		}
		p.inGroup = name == owner || name == author || name == member
		p.inOrg = name == author || name == member
		w.people = append(w.people, p)
	}
	group, err := save(app, s.Communities, map[string]any{"name": "Jardiniers du Landy", "owner": w.person(owner).id})
	if err != nil {
		return err
	}
	w.groupID = group.Id
	for _, p := range w.people {
		if p.inGroup && p.name != owner { // the founder is a member already (hooks/founders.go)
			if _, err := save(app, s.Memberships, map[string]any{"user": p.id, "community": group.Id, "role": "member"}); err != nil {
				return err
			}
		}
	}
	org, err := save(app, s.Organisations, map[string]any{"name": "Association du Landy", s.FieldVisibility: s.VisibilityPublic,
		s.FieldStatus: s.StatusPublished, s.FieldOrganisationMembers: []string{w.person(author).id, w.person(member).id}})
	if err != nil {
		return err
	}
	w.org = org.Id
	return nil
}

func newPerson(app core.App, name, role string) (person, error) {
	users, err := app.FindCollectionByNameOrId(s.Users)
	if err != nil {
		return person{}, err
	}
	u := core.NewRecord(users)
	u.SetEmail(name + "@example.org")
	u.SetPassword("correct horse battery")
	u.SetVerified(true)
	u.Set(s.FieldRole, role)
	if err := app.Save(u); err != nil {
		return person{}, fmt.Errorf("save user %s: %w", name, err)
	}
	token, err := u.NewAuthToken()
	if err != nil {
		return person{}, err
	}
	return person{name: name, role: role, id: u.Id, token: token}, nil
}

func save(app core.App, coll string, fields map[string]any) (*core.Record, error) {
	c, err := app.FindCollectionByNameOrId(coll)
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(c)
	r.Load(fields)
	if err := app.Save(r); err != nil {
		return nil, fmt.Errorf("save %s: %w", coll, err)
	}
	return r, nil
}

// shapes are the visibility × state of the seeded threads, posts and initiatives.
var shapes = []struct {
	name, vis, status string
	group, deleted    bool
}{
	{"public", s.VisibilityPublic, s.StatusPublished, false, false},
	{"pending", s.VisibilityPublic, s.StatusPending, false, false},
	{"group", s.VisibilityCommunity, s.StatusPublished, true, false},
	{"all", s.VisibilityCommunity, s.StatusPublished, false, false},
	{"private", s.VisibilityPrivate, s.StatusPublished, false, false},
	{"deleted", s.VisibilityPublic, s.StatusPublished, false, true},
}

// seedRecords saves the threads and posts of every shape by author, initiatives of four shapes
// by owner, and author's comments on them and on the public thread.
func seedRecords(app core.App, w *world) error {
	for _, coll := range []string{s.Threads, s.Posts, s.Initiatives} {
		for _, sh := range shapes {
			if coll == s.Initiatives && (sh.name == "all" || sh.name == "deleted") {
				continue
			}
			r := &rec{coll: coll, label: coll + "/" + sh.name, vis: sh.vis, status: sh.status, group: sh.group, deleted: sh.deleted}
			r.author = w.person(author).id
			if coll == s.Initiatives {
				r.author = w.person(owner).id
				w.targets = append(w.targets, r)
			} else {
				w.records = append(w.records, r)
			}
			if err := seedOne(app, w, r, nil); err != nil {
				return err
			}
		}
	}
	w.targets = append(w.targets, w.byLabel("threads/public"))
	return seedComments(app, w)
}

// seedComments saves author's comments: one published on each target, and on the public
// initiative a pending one, a deleted one and a reply.
func seedComments(app core.App, w *world) error {
	for _, t := range w.targets {
		name := "comments/on-" + t.coll + "-" + t.label[len(t.coll)+1:]
		if err := seedComment(app, w, name, t, s.StatusPublished, false, ""); err != nil {
			return err
		}
	}
	public := w.byLabel("initiatives/public")
	if err := seedComment(app, w, "comments/pending", public, s.StatusPending, false, ""); err != nil {
		return err
	}
	if err := seedComment(app, w, "comments/deleted", public, s.StatusPublished, true, ""); err != nil {
		return err
	}
	return seedComment(app, w, "comments/reply", public, s.StatusPublished, false, w.byLabel("comments/on-initiatives-public").id)
}

func seedComment(app core.App, w *world, label string, target *rec, status string, deleted bool, parent string) error {
	r := &rec{coll: s.Comments, label: label, status: status, deleted: deleted, author: w.person(author).id, target: target}
	w.records = append(w.records, r)
	return seedOne(app, w, r, map[string]any{s.FieldCommentTarget: target.coll, s.FieldCommentTargetID: target.id,
		s.FieldDiscussionText: "Bonne idée !", s.FieldCommentParent: parent})
}

// seedOne saves r without an author, so that the moderation hook keeps the requested status
// (and a comment's target is not checked), then sets the author: updates keep both.
func seedOne(app core.App, w *world, r *rec, fields map[string]any) error {
	if fields == nil {
		fields = map[string]any{s.FieldVisibility: r.vis, "name": "Jardin", s.FieldDiscussionTitle: "Fête du quartier"}
		if r.group {
			fields[s.FieldCommunity] = w.groupID
		}
	}
	fields[s.FieldStatus], fields[s.FieldDeleted] = r.status, r.deleted
	if r.coll == s.Posts {
		fields[s.FieldPostOrganisation] = w.org
	}
	saved, err := save(app, r.coll, fields)
	if err != nil {
		return fmt.Errorf("%s: %w", r.label, err)
	}
	saved.Set(s.FieldAuthor, r.author)
	if err := app.Save(saved); err != nil {
		return fmt.Errorf("set author of %s: %w", r.label, err)
	}
	if got := saved.GetString(s.FieldStatus); got != r.status {
		return fmt.Errorf("%s: status %q, want %q", r.label, got, r.status)
	}
	r.id = saved.Id
	return nil
}
