package mobilesync

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// A device's own earlier mutations of a record are not "changes since its base": a record
// created then deleted offline, or edited then deleted, arrives as a delete whose baseRev
// predates the device's own writes (it could not know their revisions). Each stored result
// keeps the record's revision before and after the mutation, so the server can tell whether
// anyone else wrote in between.

// revSpan is one of the device's own mutations of a record: its revision before and after.
type revSpan struct {
	Before int64 `db:"before"`
	After  int64 `db:"after"`
}

// storedMutation is what _sync_mutations keeps of a mutation: its result (replayed as is) and
// the record it touched with the revision it found.
type storedMutation struct {
	Result
	C         string `json:"c"`
	ID        string `json:"id"`
	RevBefore int64  `json:"revBefore"`
}

// changedByOthers reports whether a record now at revision current changed since base through
// writes other than own, the device's own mutations of it in mseq order.
func changedByOthers(base, current int64, own []revSpan) bool {
	at := base
	for _, s := range own {
		if s.After <= at {
			continue // before the base: already seen
		}
		if s.Before > at {
			return true // someone wrote between what the device saw and its own write
		}
		at = s.After
	}
	return current > at
}

// ownSpansSQL reads a client's mutations of one record through their index (the planner would
// otherwise walk the client's whole history by primary key). A result stored without revBefore
// counts as preceded by someone else's write.
const ownSpansSQL = `SELECT coalesce(json_extract(result, '$.revBefore'), json_extract(result, '$.rev'), 0) AS before,
	coalesce(json_extract(result, '$.rev'), 0) AS after
	FROM ` + tableMutations + ` INDEXED BY ` + tableMutations + `_record WHERE clientId = {:client}
	AND json_extract(result, '$.c') = {:c} AND json_extract(result, '$.id') = {:id} ORDER BY mseq`

// ownSpans returns clientID's mutations of collection/id with their revisions, in mseq order.
func ownSpans(app core.App, clientID, collection, id string) ([]revSpan, error) {
	var spans []revSpan
	err := app.DB().NewQuery(ownSpansSQL).Bind(dbx.Params{"client": clientID, "c": collection, "id": id}).All(&spans)
	if err != nil {
		return nil, fmt.Errorf("read own writes of %s/%s: %w", collection, id, err)
	}
	return spans, nil
}

// changedSinceBase reports whether the record, now at rev, changed since the mutation's
// baseRev through anyone's writes but this device's own.
func (mc *mutationCtx) changedSinceBase(rev int64) (bool, error) {
	if rev <= mc.m.BaseRev {
		return false, nil
	}
	own, err := ownSpans(mc.app, mc.clientID, mc.col.Name, mc.m.ID)
	if err != nil {
		return false, err
	}
	return changedByOthers(mc.m.BaseRev, rev, own), nil
}
