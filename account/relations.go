package account

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/dbutils"
	"github.com/pocketbase/pocketbase/tools/inflector"

	s "github.com/maillage/maillage/schema"
)

// link is one relation field to the users collection: every record of collection whose field
// names a person is about that person. The links are read from the schema, so a collection
// added later is exported and cleaned up without new code.
type link struct {
	collection *core.Collection
	field      *core.RelationField
}

// name is "collection.field", the key of the policy tables.
func (l link) name() string { return l.collection.Name + "." + l.field.Name }

// multiple reports whether the field holds several people (participants, members).
func (l link) multiple() bool { return l.field.IsMultiple() }

// links returns every relation field to the users collection, collection by collection in
// the schema's order, leaving out views and the users collection itself.
func links(app core.App) ([]link, error) {
	users, err := app.FindCachedCollectionByNameOrId(s.Users)
	if err != nil {
		return nil, fmt.Errorf("find users collection: %w", err)
	}
	all, err := app.FindAllCollections()
	if err != nil {
		return nil, fmt.Errorf("list collections: %w", err)
	}
	var out []link
	for _, c := range all {
		if c.IsView() || c.Id == users.Id {
			continue
		}
		for _, f := range c.Fields {
			if rel, ok := f.(*core.RelationField); ok && rel.CollectionId == users.Id {
				out = append(out, link{collection: c, field: rel})
			}
		}
	}
	return out, nil
}

// where is the condition "the field names userID", for one value or a list of them.
func (l link) where(userID string) dbx.Expression {
	column := inflector.Columnify(l.collection.Name) + "." + inflector.Columnify(l.field.Name)
	if !l.multiple() {
		return dbx.HashExp{column: userID}
	}
	return dbx.Exists(dbx.NewExp(
		"SELECT 1 FROM "+dbutils.JSONEach(column)+" {{__je__}} WHERE [[__je__.value]] = {:person}",
		dbx.Params{"person": userID}))
}
