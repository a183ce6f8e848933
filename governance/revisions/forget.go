package revisions

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// When a person's account is deleted (account.Delete removes or anonymises their records,
// then the user, in one transaction), their history goes with it: the revisions of their
// records that no longer exist are deleted, and those of the records kept without author
// forget who wrote them and whose they were.

// bindForget binds the cleanup to the deletion of a user, in its transaction.
func bindForget(app core.App) {
	app.OnRecordDeleteExecute(s.Users).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return forget(e.App, e.Record.Id)
	})
}

// forget deletes or anonymises the revisions that name userID.
func forget(app core.App, userID string) error {
	p := dbx.Params{"u": userID}
	for _, name := range s.Revised {
		if _, err := app.FindCachedCollectionByNameOrId(name); err != nil {
			continue
		}
		q := "DELETE FROM revisions WHERE recordAuthor = {:u} AND collection = " + quoteLiteral(name) +
			" AND recordId NOT IN (SELECT id FROM " + quoteIdent(name) + ")"
		if _, err := app.DB().NewQuery(q).Bind(p).Execute(); err != nil {
			return fmt.Errorf("forget the history of %s: %w", name, err)
		}
	}
	for _, q := range []string{
		"UPDATE revisions SET recordAuthor = '' WHERE recordAuthor = {:u}",
		"UPDATE revisions SET author = '' WHERE author = {:u}",
		"UPDATE revisions SET changes = json_replace(changes, '$.author.before', '') WHERE json_extract(changes, '$.author.before') = {:u}",
		"UPDATE revisions SET changes = json_replace(changes, '$.author.after', '') WHERE json_extract(changes, '$.author.after') = {:u}",
	} {
		if _, err := app.DB().NewQuery(q).Bind(p).Execute(); err != nil {
			return fmt.Errorf("anonymise the history of %s: %w", userID, err)
		}
	}
	return nil
}
