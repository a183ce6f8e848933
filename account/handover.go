package account

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// handOver gives rec, which names userID through a required relation, to someone else, or
// deletes it when nobody can take it.
type handOver func(tx core.App, rec *core.Record, userID string) error

// handOvers names the relations whose record passes to someone else.
var handOvers = map[string]handOver{s.Communities + ".owner": handOverCommunity}

// handOverCommunity gives a community to another member (a coordinator first, the longest
// standing first), who becomes its coordinator (hooks/founders.go). A community with no other
// member goes; what was filed under it becomes private first, so that deleting it never opens
// community records to every signed-in person.
func handOverCommunity(tx core.App, rec *core.Record, userID string) error {
	var next string
	err := tx.DB().NewQuery("SELECT [[user]] FROM {{" + s.Memberships + "}} WHERE [[community]] = {:c} AND [[user]] != {:u}" +
		" ORDER BY ([[role]] = 'coordinator') DESC, [[created]], [[id]] LIMIT 1").
		Bind(dbx.Params{"c": rec.Id, "u": userID}).Row(&next)
	if errors.Is(err, sql.ErrNoRows) {
		if err := closeCommunity(tx, rec.Id); err != nil {
			return err
		}
		return tx.Delete(rec)
	}
	if err != nil {
		return fmt.Errorf("find the next owner of community %s: %w", rec.Id, err)
	}
	rec.Set("owner", next)
	return tx.SaveNoValidate(rec)
}

// closeCommunity makes private the records filed under community that only its members read.
func closeCommunity(tx core.App, community string) error {
	all, err := tx.FindAllCollections(core.CollectionTypeBase)
	if err != nil {
		return fmt.Errorf("list collections: %w", err)
	}
	for _, c := range all {
		if c.Fields.GetByName(s.FieldVisibility) == nil || c.Fields.GetByName(s.FieldCommunity) == nil {
			continue
		}
		recs, err := tx.FindAllRecords(c, dbx.HashExp{s.FieldCommunity: community, s.FieldVisibility: s.VisibilityCommunity})
		if err != nil {
			return fmt.Errorf("find %s of community %s: %w", c.Name, community, err)
		}
		for _, r := range recs {
			r.Set(s.FieldVisibility, s.VisibilityPrivate)
			if err := tx.SaveNoValidate(r); err != nil {
				return fmt.Errorf("close %s/%s: %w", c.Name, r.Id, err)
			}
		}
	}
	return nil
}
