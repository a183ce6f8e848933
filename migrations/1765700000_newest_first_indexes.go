package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// newestFirst are the collections people and other platforms list through the REST API,
// newest first (`sort=-created`), with the count of every readable record PocketBase adds to
// each page. With 100,000 records, a page sorted every row in memory (SELECT DISTINCT over the
// list rule's joins: 2.2 s and over 100 MB each), and its count read the whole table: a
// thousand clients browsing made the server exceed 5 GB (BENCHMARKS.md, "Load, session 10").
// An index on created lets SQLite walk it and stop at the page's end; the list rule's columns
// and the id, in an index that replaces the one on (status, visibility) it starts with, let the
// count read that index instead of the table.
var newestFirst = []string{s.Initiatives, s.Events, s.Offers, s.Organisations}

// listedColumns are the columns of the list rule of newestFirst's collections (rules.go), then
// the id the count counts.
var listedColumns = s.FieldStatus + ", " + s.FieldVisibility + ", " + s.FieldDeleted + ", " + s.FieldAuthor + ", " +
	s.FieldCommunity + ", id"

func init() {
	m.Register(func(app core.App) error {
		return eachNewestFirst(app, func(c *core.Collection) {
			c.AddIndex("idx_"+c.Name+"_created", false, s.FieldCreated, "")
			c.RemoveIndex("idx_" + c.Name + "_status")
			c.AddIndex("idx_"+c.Name+"_listed", false, listedColumns, "")
		})
	}, func(app core.App) error {
		return eachNewestFirst(app, func(c *core.Collection) {
			c.RemoveIndex("idx_" + c.Name + "_created")
			c.RemoveIndex("idx_" + c.Name + "_listed")
			c.AddIndex("idx_"+c.Name+"_status", false, s.FieldStatus+", "+s.FieldVisibility, "")
		})
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
