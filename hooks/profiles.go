package hooks

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// bindProfiles gives every new account its defaults: a resident, visible to signed-in members.
// The locale stays empty until they choose a language: the server then answers in the
// request's Accept-Language, else French (i18n.Negotiate).
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
}
