package migrations

import (
	"fmt"
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// Wiki pages join what can be reported and voted on: the targetCollection of reports and
// moderationVotes takes every collection of schema.ReportTargets (pages were added to it).
func init() {
	m.Register(func(app core.App) error {
		return setTargets(app, s.ReportTargets)
	}, func(app core.App) error {
		return setTargets(app, slices.DeleteFunc(slices.Clone(s.ReportTargets), func(c string) bool { return c == s.Pages }))
	})
}

// setTargets sets the values of the targetCollection field of reports and moderationVotes.
func setTargets(app core.App, targets []string) error {
	for _, name := range []string{s.Reports, s.ModerationVotes} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		f, ok := c.Fields.GetByName(s.FieldTargetCollection).(*core.SelectField)
		if !ok {
			return fmt.Errorf("%s has no select field %s", name, s.FieldTargetCollection)
		}
		f.Values = targets
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
