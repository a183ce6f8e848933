package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// geoOverride on content: a moderator accepts a location outside the territory. Only moderators
// may set it (to true) through the API; the create and update rules say so.
func init() {
	m.Register(addGeoOverride, dropGeoOverride)
}

// ruleGeoOverride lets a request set geoOverride only when it leaves it false or comes from a
// moderator.
const ruleGeoOverride = `(@request.body.` + s.FieldGeoOverride + `:isset = false || @request.body.` +
	s.FieldGeoOverride + ` = false || ` + ruleModerator + `)`

func addGeoOverride(app core.App) error {
	for _, name := range s.Content {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.Fields.Add(&core.BoolField{Name: s.FieldGeoOverride})
		c.CreateRule = rule("(" + *c.CreateRule + ") && " + ruleGeoOverride)
		c.UpdateRule = rule("(" + *c.UpdateRule + ") && " + ruleGeoOverride)
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

func dropGeoOverride(app core.App) error {
	for _, name := range s.Content {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		c.Fields.RemoveByName(s.FieldGeoOverride)
		c.CreateRule = rule(contentCreate)
		c.UpdateRule = rule(contentUpdate)
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
