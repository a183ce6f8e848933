package mobilesync

import (
	"encoding/json"
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// lostValue is a client value the server did not keep, on its way to syncConflicts. Server is
// filled by finish from the record as the user reads it (asSeen), or set by the caller for
// kinds that carry no record (rejected).
type lostValue struct {
	Kind    string
	Field   string
	Client  any
	Server  any
	Message string
}

// Messages stored with conflicts, written for the person who made the change in their
// language: keys of the i18n catalogue (i18n/messages_sync.go).
const (
	msgFieldLost       = "sync_field_lost"
	msgOverridden      = "sync_overridden"
	msgUpdateOnDeleted = "sync_update_on_deleted"
	msgDeleteOnChanged = "sync_delete_on_changed"
	msgDeleteKept      = "sync_delete_kept"
)

// writeConflicts saves one syncConflicts row per lost value of mutation m, authored by user,
// and returns the references the push result carries.
func writeConflicts(app core.App, user *core.Record, clientID string, m Mutation, lost []lostValue) ([]ConflictRef, error) {
	if len(lost) == 0 {
		return nil, nil
	}
	col, err := app.FindCachedCollectionByNameOrId(s.SyncConflicts)
	if err != nil {
		return nil, fmt.Errorf("conflicts collection: %w", err)
	}
	refs := make([]ConflictRef, 0, len(lost))
	for _, l := range lost {
		rec := core.NewRecord(col)
		// Text fields are clipped to the collection's limits: a rejected mutation may carry
		// anything, and a row that fails validation would fail the push and block the queue.
		rec.Load(map[string]any{
			s.FieldConflictCollection: clip(m.C, 100), s.FieldConflictRecordID: clip(m.ID, 100), s.FieldConflictKind: l.Kind,
			s.FieldConflictField: clip(l.Field, 100), s.FieldConflictClient: jsonValue(l.Client),
			s.FieldConflictServer: jsonValue(l.Server), s.FieldConflictMessage: clip(l.Message, 5000),
			s.FieldAuthor: user.Id, s.FieldStatus: s.ConflictOpen,
			s.FieldConflictClientID: clientID, s.FieldConflictMseq: m.Mseq, s.FieldConflictOp: clip(m.Op, 10),
		})
		if err := app.Save(rec); err != nil {
			return nil, fmt.Errorf("save %s conflict of %s/%s: %w", l.Kind, m.C, m.ID, err)
		}
		refs = append(refs, ConflictRef{ID: rec.Id, Kind: l.Kind, Field: l.Field})
	}
	return refs, nil
}

// jsonValue keeps a value as raw JSON for a JSON field (nil stays null).
func jsonValue(v any) any {
	if v == nil {
		return nil
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return json.RawMessage(raw)
}

// rawFields decodes a mutation's fields for storing them whole in a conflict row.
func rawFields(fields map[string]json.RawMessage) map[string]any {
	out := make(map[string]any, len(fields))
	for k, v := range fields {
		out[k] = v
	}
	return out
}
