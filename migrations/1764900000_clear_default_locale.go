package migrations

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// A user's locale is their own choice of language, which the server answers in before the
// request's Accept-Language. Accounts used to be given "fr" on creation, a choice nobody made
// (the app did not write it yet), which would hide their browser's language: it is cleared.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().Update(s.Users, dbx.Params{s.FieldLocale: ""}, dbx.HashExp{s.FieldLocale: "fr"}).Execute()
		return err
	}, nil)
}
