package simulation

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// User is a signed-in person of the simulation.
type User struct {
	Rec   *core.Record
	Token string
	Role  string
}

// World is the people and groups a simulation starts with: facilitators owning communities, a
// moderator, residents inside and outside the communities.
type World struct {
	Users       []*User
	Communities []string           // ids
	Owners      map[string]*User   // community id → owner
	Categories  []string           // ids
	members     map[[2]string]bool // (community, user) pairs the simulation believes exist
}

// worldRoles are the roles of the simulation's users, in order; users beyond it are residents.
var worldRoles = []string{s.RoleFacilitator, s.RoleModerator, s.RoleResident, s.RoleFacilitator, s.RoleResident}

// NewWorld seeds n users, a community per facilitator (its owner a member) and a resident
// member of the first community, straight through app (every model hook runs).
func NewWorld(app core.App, n int) (*World, error) {
	w := &World{Owners: map[string]*User{}, members: map[[2]string]bool{}}
	for i := range n {
		role := s.RoleResident
		if i < len(worldRoles) {
			role = worldRoles[i]
		}
		u, err := newUser(app, fmt.Sprintf("sim%d@example.org", i), role)
		if err != nil {
			return nil, err
		}
		w.Users = append(w.Users, u)
	}
	if err := w.seedCommunities(app); err != nil {
		return nil, err
	}
	return w, app.RecordQuery(s.Categories).Select("id").OrderBy("id").Column(&w.Categories)
}

func (w *World) seedCommunities(app core.App) error {
	for _, u := range w.Users {
		if u.Role != s.RoleFacilitator {
			continue
		}
		c, err := saveRecord(app, s.Communities, map[string]any{"name": "Collectif de " + u.Rec.Id, "owner": u.Rec.Id})
		if err != nil {
			return err
		}
		w.Communities = append(w.Communities, c.Id)
		w.Owners[c.Id] = u
		w.members[[2]string{c.Id, u.Rec.Id}] = true // founding made the owner a coordinator
	}
	if len(w.Communities) > 0 && len(w.Users) > 2 {
		return w.addMember(app, w.Communities[0], w.Users[2])
	}
	return nil
}

func (w *World) addMember(app core.App, community string, u *User) error {
	_, err := saveRecord(app, s.Memberships, map[string]any{"community": community, "user": u.Rec.Id, "role": "member"})
	w.members[[2]string{community, u.Rec.Id}] = err == nil
	return err
}

func newUser(app core.App, email, role string) (*User, error) {
	users, err := app.FindCollectionByNameOrId(s.Users)
	if err != nil {
		return nil, fmt.Errorf("users collection: %w", err)
	}
	rec := core.NewRecord(users)
	rec.SetEmail(email)
	rec.SetPassword("correct horse battery")
	rec.SetVerified(true)
	rec.Set(s.FieldRole, role)
	rec.Set("name", email)
	if err := app.Save(rec); err != nil {
		return nil, fmt.Errorf("save user %s: %w", email, err)
	}
	token, err := rec.NewAuthToken()
	if err != nil {
		return nil, fmt.Errorf("token for %s: %w", email, err)
	}
	return &User{Rec: rec, Token: token, Role: role}, nil
}

func saveRecord(app core.App, collection string, fields map[string]any) (*core.Record, error) {
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		return nil, fmt.Errorf("collection %s: %w", collection, err)
	}
	r := core.NewRecord(c)
	r.Load(fields)
	if err := app.Save(r); err != nil {
		return nil, fmt.Errorf("save %s: %w", collection, err)
	}
	return r, nil
}
