package importer

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/internal/prepared"
	"github.com/maillage/maillage/interop/dedup"
	s "github.com/maillage/maillage/schema"
)

// findImported returns the record of col that holds the item externalID of source: the one
// imported with that pair or, once a moderator merged it, the record it was merged into; nil
// when there is none.
func findImported(tx core.App, col *core.Collection, source, externalID string) (*core.Record, error) {
	id, err := dedup.Resolve(tx, col.Name, source, externalID)
	if errors.Is(err, dedup.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rec, err := tx.FindRecordById(col, id)
	if err != nil {
		return nil, fmt.Errorf("find %s/%s: %w", source, externalID, err)
	}
	return rec, nil
}

// knownIDs lists the externalIds of source's records in col.
func knownIDs(app core.App, col *core.Collection, source string) (map[string]bool, error) {
	var ids []string
	err := app.DB().Select(s.FieldExternalID).From(col.Name).
		Where(dbx.HashExp{s.FieldSource: source}).AndWhere(dbx.NewExp("[[" + s.FieldExternalID + "]] != ''")).
		Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("read %s's known items: %w", source, err)
	}
	known := make(map[string]bool, len(ids))
	for _, id := range ids {
		known[id] = true
	}
	return known, nil
}

// state is the importStates row of one imported item; nil when the item has none yet.
type state struct{ rec *core.Record }

func findState(tx core.App, col *core.Collection, source, externalID string) (state, error) {
	rec, err := tx.FindFirstRecordByFilter(s.ImportStates,
		s.FieldStateCollection+" = {:c} && "+s.FieldSource+" = {:s} && "+s.FieldExternalID+" = {:e}",
		dbx.Params{"c": col.Name, "s": source, "e": externalID})
	if errors.Is(err, sql.ErrNoRows) {
		return state{}, nil
	}
	if err != nil {
		return state{}, fmt.Errorf("import state of %s/%s: %w", source, externalID, err)
	}
	return state{rec}, nil
}

// values are the values the source gave at the last import; nil when unknown.
func (st state) values() values {
	if st.rec == nil {
		return nil
	}
	v := values{}
	_ = st.rec.UnmarshalJSONField(s.FieldStateValues, &v) // written by store: always a map
	return v
}

// pending reports whether the record still waits for its duplicates search: an earlier run
// created it and stopped before storing the pairs it found.
func (st state) pending() bool {
	return st.rec != nil && st.rec.GetBool(s.FieldStateDedupPending)
}

// store records what the source gave this time.
func (st state) store(tx core.App, col *core.Collection, source, externalID, recordID string, v values) error {
	if st.rec == nil {
		return saveState(tx, col, source, externalID, recordID, v, false)
	}
	st.rec.Set(s.FieldStateValues, v)
	st.rec.Set(s.FieldStateRecord, recordID)
	return tx.Save(st.rec)
}

// insertStateSQL adds the importStates row of a new item. The importer writes one per item it
// creates, thousands per run: a statement prepared once per transaction costs a fraction of a
// record save, and the collection has no rule or hook a save would run.
var insertStateSQL = "INSERT INTO [[" + s.ImportStates + "]] ([[id]], [[" + s.FieldStateCollection + "]], [[" +
	s.FieldStateRecord + "]], [[" + s.FieldSource + "]], [[" + s.FieldExternalID + "]], [[" + s.FieldStateValues +
	"]], [[" + s.FieldStateDedupPending + "]], [[created]], [[updated]]) VALUES ({:id}, {:c}, {:r}, {:s}, {:e}, {:v}, {:p}, {:now}, {:now})"

// saveState adds the importStates row of a new item; pending says its record still waits for
// its duplicates search.
func saveState(tx core.App, col *core.Collection, source, externalID, recordID string, v values, pending bool) error {
	encoded, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("import state of %s/%s: %w", source, externalID, err)
	}
	_, err = prepared.Query(tx, insertStateSQL).Bind(dbx.Params{
		"id": core.GenerateDefaultRandomId(), "c": col.Name, "r": recordID, "s": source, "e": externalID,
		"v": string(encoded), "p": pending, "now": types.NowDateTime().String(),
	}).Execute()
	if err != nil {
		return fmt.Errorf("save import state of %s/%s: %w", source, externalID, err)
	}
	return nil
}

// normalise writes field values as a record of col holds them, as JSON, so that what a source
// gives compares with what a record holds.
func normalise(col *core.Collection, raw map[string]any) values {
	scratch := core.NewRecord(col)
	scratch.Load(raw)
	out := values{}
	for f := range raw {
		out[f] = jsonOf(scratch.Get(f))
	}
	return out
}

// recordValues are rec's imported fields, normalised.
func recordValues(rec *core.Record) values {
	out := values{}
	for _, f := range importedFields[rec.Collection().Name] {
		out[f] = jsonOf(rec.Get(f))
	}
	return out
}

func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// saveConflicts hands moderators each upstream value that could not be written over a local
// edit, as a syncConflicts row of kind field, so that nothing is lost either way.
func (r *run) saveConflicts(tx core.App, rec *core.Record, up map[string]any, changes map[string]change) error {
	col, err := tx.FindCachedCollectionByNameOrId(s.SyncConflicts)
	if err != nil {
		return fmt.Errorf("conflicts collection: %w", err)
	}
	msg := i18n.T(r.opts.Lang, "import_conflict", map[string]any{"source": r.opts.Source})
	for f, c := range changes {
		if c != conflict {
			continue
		}
		row := core.NewRecord(col)
		row.Load(map[string]any{
			s.FieldConflictCollection: r.col.Name, s.FieldConflictRecordID: rec.Id, s.FieldConflictKind: s.ConflictField,
			s.FieldConflictField: f, s.FieldConflictClient: up[f], s.FieldConflictServer: rec.Get(f),
			s.FieldConflictMessage: msg, s.FieldStatus: s.ConflictOpen, s.FieldConflictOp: "import",
		})
		if err := tx.Save(row); err != nil {
			return fmt.Errorf("save conflict on %s: %w", f, err)
		}
	}
	return nil
}
