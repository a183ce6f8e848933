package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// Categories, communes, communities and memberships, and the profile fields of users.
func init() {
	m.Register(createGroups, dropGroups)
}

func createGroups(app core.App) error {
	for _, build := range []func(core.App) (*core.Collection, error){
		buildCategories, buildCommunes, buildCommunities, buildMemberships, buildUsers,
	} {
		c, err := build(app)
		if err != nil {
			return err
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return addSelfRelation(app, s.Categories, "parent", 1)
}

// addSelfRelation adds a relation from a collection to itself, which needs the collection saved.
func addSelfRelation(app core.App, collection, field string, maxSelect int) error {
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		return err
	}
	c.Fields.Add(&core.RelationField{Name: field, CollectionId: c.Id, MaxSelect: maxSelect})
	return app.Save(c)
}

func timestamps() []core.Field {
	return []core.Field{
		&core.AutodateField{Name: s.FieldCreated, OnCreate: true},
		&core.AutodateField{Name: s.FieldUpdated, OnCreate: true, OnUpdate: true},
	}
}

func publicReadOnly(c *core.Collection) {
	c.ListRule = rule("")
	c.ViewRule = rule("")
}

func buildCategories(app core.App) (*core.Collection, error) {
	c := core.NewBaseCollection(s.Categories)
	publicReadOnly(c)
	c.Fields.Add(
		&core.TextField{Name: "slug", Required: true, Max: 80, Pattern: `^[a-z0-9-]+$`},
		&core.TextField{Name: "nameFr", Required: true, Max: 120, Presentable: true},
		&core.TextField{Name: "nameEn", Required: true, Max: 120},
		&core.TextField{Name: "icon", Max: 60},
		&core.TextField{Name: "color", Max: 7, Pattern: `^#[0-9a-fA-F]{6}$`},
		&core.NumberField{Name: "order", OnlyInt: true},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_categories_slug", true, "slug", "")
	return c, nil
}

func buildCommunes(app core.App) (*core.Collection, error) {
	c := core.NewBaseCollection(s.Communes)
	publicReadOnly(c)
	c.Fields.Add(
		&core.TextField{Name: "code", Required: true, Max: 10, Pattern: `^[0-9AB]{5}$`},
		&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
		&core.TextField{Name: "territory", Required: true, Max: 80},
		&core.JSONField{Name: "boundary", MaxSize: 4 << 20},
		&core.GeoPointField{Name: "center"},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_communes_code", true, "code", "")
	return c, nil
}

func buildCommunities(app core.App) (*core.Collection, error) {
	c := core.NewBaseCollection(s.Communities)
	publicReadOnly(c)
	c.CreateRule = rule(communitiesCreate)
	c.UpdateRule = rule(communitiesManage)
	c.DeleteRule = rule(communitiesManage)
	c.Fields.Add(
		&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
		&core.TextField{Name: "description", Max: 5000},
		&core.RelationField{Name: "owner", CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true},
	)
	c.Fields.Add(timestamps()...)
	return c, nil
}

func buildMemberships(app core.App) (*core.Collection, error) {
	communities, err := app.FindCollectionByNameOrId(s.Communities)
	if err != nil {
		return nil, err
	}
	c := core.NewBaseCollection(s.Memberships)
	c.ListRule = rule(membershipsRead)
	c.ViewRule = rule(membershipsRead)
	c.CreateRule = rule(membershipsManage)
	c.UpdateRule = rule(membershipsManage)
	c.DeleteRule = rule(membershipsDelete)
	c.Fields.Add(
		&core.RelationField{Name: "community", CollectionId: communities.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: "user", CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.SelectField{Name: "role", Values: []string{"member", "coordinator"}, MaxSelect: 1},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_memberships_pair", true, "community, user", "")
	c.AddIndex("idx_memberships_user", false, "user", "")
	return c, nil
}

func buildUsers(app core.App) (*core.Collection, error) {
	users, err := app.FindCollectionByNameOrId(s.Users)
	if err != nil {
		return nil, err
	}
	categories, err := app.FindCollectionByNameOrId(s.Categories)
	if err != nil {
		return nil, err
	}
	communes, err := app.FindCollectionByNameOrId(s.Communes)
	if err != nil {
		return nil, err
	}
	users.Fields.Add(
		&core.TextField{Name: "bio", Max: 2000},
		&core.JSONField{Name: "skills", MaxSize: 8 << 10},
		&core.RelationField{Name: "interests", CollectionId: categories.Id, MaxSelect: 20},
		&core.RelationField{Name: s.FieldCommune, CollectionId: communes.Id, MaxSelect: 1},
		&core.SelectField{Name: s.FieldRole, Values: []string{s.RoleResident, s.RoleFacilitator, s.RoleModerator}, MaxSelect: 1},
		&core.SelectField{Name: s.FieldProfileVisibility, Values: []string{"public", "members", "private"}, MaxSelect: 1},
		&core.SelectField{Name: s.FieldLocale, Values: []string{"fr", "en"}, MaxSelect: 1},
	)
	users.ListRule = rule(usersRead)
	users.ViewRule = rule(usersRead)
	users.CreateRule = rule(usersCreate)
	users.UpdateRule = rule(usersUpdate)
	users.DeleteRule = rule(usersDelete)
	return users, nil
}

func dropCollections(names ...string) func(core.App) error {
	return func(app core.App) error {
		for _, name := range names {
			c, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			if err := app.Delete(c); err != nil {
				return err
			}
		}
		return nil
	}
}

func dropGroups(app core.App) error {
	users, err := app.FindCollectionByNameOrId(s.Users)
	if err != nil {
		return err
	}
	for _, f := range []string{"bio", "skills", "interests", s.FieldCommune, s.FieldRole, s.FieldProfileVisibility, s.FieldLocale} {
		users.Fields.RemoveByName(f)
	}
	if err := app.Save(users); err != nil {
		return err
	}
	return dropCollections(s.Memberships, s.Communities, s.Communes, s.Categories)(app)
}
