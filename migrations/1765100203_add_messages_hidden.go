package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// messages gain hiddenByReports: a message enough participants reported is listed only to its
// author until a moderator reviews it (governance/moderation).
func init() {
	m.Register(addMessagesHidden, nil)
}

const messageNotHidden = ` && (` + s.FieldHiddenByReports + ` = false || author = @request.auth.id)`

func addMessagesHidden(app core.App) error {
	c, err := app.FindCollectionByNameOrId(s.Messages)
	if err != nil {
		return err
	}
	c.Fields.Add(&core.BoolField{Name: s.FieldHiddenByReports})
	if c.ListRule != nil {
		c.ListRule = rule("(" + *c.ListRule + ")" + messageNotHidden)
	}
	if c.ViewRule != nil {
		c.ViewRule = rule("(" + *c.ViewRule + ")" + messageNotHidden)
	}
	return app.Save(c)
}
