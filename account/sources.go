package account

import (
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/inflector"

	s "github.com/maillage/maillage/schema"
)

// ownerFields name the single relations to users that make a record the person's own (they
// wrote it, it is their setting): its files go into their export, and an account deletion
// deletes it (or, for a public contribution, may keep it without them).
var ownerFields = []string{s.FieldAuthor, "user", "owner"}

// alongside adds, per collection, records a person saw without being named in them: the
// messages of the conversations they take part in, written by the others too. A conversation
// is exported as the person saw it; the others appear in it by their id only.
var alongside = map[string]func(userID string) dbx.Expression{
	s.Messages: func(userID string) dbx.Expression {
		return dbx.NewExp("[["+s.Messages+"."+s.FieldConversation+"]] IN (SELECT c.[[id]] FROM {{"+s.Conversations+"}} c"+
			" WHERE EXISTS (SELECT 1 FROM json_each(c.[["+s.FieldParticipants+"]]) p WHERE p.value = {:alongside}))",
			dbx.Params{"alongside": userID})
	},
}

// source is one collection and the relations through which its records are about a person.
type source struct {
	collection *core.Collection
	links      []link
}

// sources groups links by collection, in the schema's order.
func sources(ls []link) []source {
	var out []source
	for _, l := range ls {
		if n := len(out); n > 0 && out[n-1].collection.Id == l.collection.Id {
			out[n-1].links = append(out[n-1].links, l)
			continue
		}
		out = append(out, source{collection: l.collection, links: []link{l}})
	}
	return out
}

// where is "the record is about userID": one of the links names them, or it is alongside.
func (src source) where(userID string) dbx.Expression {
	var conds []dbx.Expression
	for _, l := range src.links {
		conds = append(conds, l.where(userID))
	}
	if extra := alongside[src.collection.Name]; extra != nil {
		conds = append(conds, extra(userID))
	}
	return dbx.Or(conds...)
}

// owns reports whether rec is userID's own through one of the source's owner fields.
func (src source) owns(rec *core.Record, userID string) bool {
	for _, l := range src.links {
		if isOwnerField(l) && rec.GetString(l.field.Name) == userID {
			return true
		}
	}
	return false
}

// fields names the relation fields of the source, for the export's README.
func (src source) fields() []string {
	var out []string
	for _, l := range src.links {
		out = append(out, l.field.Name)
	}
	return out
}

// isOwnerField reports whether l is a single relation named as an owner.
func isOwnerField(l link) bool {
	return !l.multiple() && slices.Contains(ownerFields, l.field.Name)
}

// page returns up to limit records about userID with an id after `after`, in id order.
func (src source) page(app core.App, userID, after string, limit int64) ([]*core.Record, error) {
	return pageOf(app, src.collection, src.where(userID), after, limit)
}

// page returns up to limit records of the link naming userID with an id after `after`, in id
// order (never the alongside records: a deletion touches only what names the person).
func (l link) page(app core.App, userID, after string, limit int64) ([]*core.Record, error) {
	return pageOf(app, l.collection, l.where(userID), after, limit)
}

// pageOf returns up to limit records of c matching cond with an id after `after`, in id
// order: callers walk a collection of any size with bounded memory.
func pageOf(app core.App, c *core.Collection, cond dbx.Expression, after string, limit int64) ([]*core.Record, error) {
	var recs []*core.Record
	table := inflector.Columnify(c.Name)
	err := app.RecordQuery(c).AndWhere(cond).
		AndWhere(dbx.NewExp("[["+table+".id]] > {:after}", dbx.Params{"after": after})).
		OrderBy(table + ".id").Limit(limit).All(&recs)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", c.Name, err)
	}
	return recs, nil
}
