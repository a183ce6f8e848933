package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// newestFirst are the collections people and other platforms list newest first through the
// REST API (`sort=-created`). Without an index on created, PocketBase's list (SELECT DISTINCT
// over the rule's joins) sorted every row in memory: 2.2 s and over 100 MB for each page of a
// 100,000-record collection, which made a thousand clients' server exceed 5 GB (BENCHMARKS.md,
// "Load, session 10"); with it, SQLite walks the index and stops at the page's end.
var newestFirst = []string{s.Initiatives, s.Events, s.Offers, s.Organisations}

func init() {
	m.Register(func(app core.App) error {
		return eachNewestFirst(app, func(c *core.Collection) {
			c.AddIndex("idx_"+c.Name+"_created", false, s.FieldCreated, "")
		})
	}, func(app core.App) error {
		return eachNewestFirst(app, func(c *core.Collection) { c.RemoveIndex("idx_" + c.Name + "_created") })
	})
}

func eachNewestFirst(app core.App, change func(c *core.Collection)) error {
	for _, name := range newestFirst {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		change(c)
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
