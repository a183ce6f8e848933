package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// A location on people's profiles, which others only ever see blurred (hooks/geo_blur.go).
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(s.Users)
		if err != nil {
			return err
		}
		users.Fields.Add(&core.GeoPointField{Name: s.FieldGeo})
		return app.Save(users)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(s.Users)
		if err != nil {
			return err
		}
		users.Fields.RemoveByName(s.FieldGeo)
		return app.Save(users)
	})
}
