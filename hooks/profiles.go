package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// bindProfiles gives every new account its defaults: a resident, visible to signed-in members,
// speaking French until they choose otherwise.
func bindProfiles(app core.App) {
	app.OnRecordCreate(s.Users).BindFunc(func(e *core.RecordEvent) error {
		for field, value := range profileDefaults {
			if e.Record.GetString(field) == "" {
				e.Record.Set(field, value)
			}
		}
		return e.Next()
	})
}

var profileDefaults = map[string]string{
	s.FieldRole:              s.RoleResident,
	s.FieldProfileVisibility: "members",
	s.FieldLocale:            "fr",
}
