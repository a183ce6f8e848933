package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// An exact location on a profile needs the person's explicit consent (geoConsent, checked on
// every save by package account). Points stored before consent existed were never agreed to:
// they are forgotten.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(s.Users)
		if err != nil {
			return err
		}
		users.Fields.Add(&core.BoolField{Name: s.FieldGeoConsent})
		if err := app.Save(users); err != nil {
			return err
		}
		_, err = app.DB().NewQuery("UPDATE {{" + s.Users + "}} SET [[" + s.FieldGeo + "]] = '{\"lon\":0,\"lat\":0}'" +
			" WHERE [[" + s.FieldGeo + "]] != '{\"lon\":0,\"lat\":0}'").Execute()
		return err
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId(s.Users)
		if err != nil {
			return err
		}
		users.Fields.RemoveByName(s.FieldGeoConsent)
		return app.Save(users)
	})
}
