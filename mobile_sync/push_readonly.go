package mobilesync

import (
	"encoding/json"

	"github.com/pocketbase/pocketbase/core"
)

// An update pushed for a record its user may read but not change is handed to
// Config.OnReadOnlyUpdate (Maillage keeps it as a suggested edit) and answered StatusSuggested
// with the id it returns, instead of a rejection; without it, or when it returns no id, the
// update is rejected as before.

// readOnlyUpdate answers an update the UpdateRule refuses: refusal is mayUpdate's error, nil
// when the user may not change the record at all.
func (mc *mutationCtx) readOnlyUpdate(rec *core.Record, refusal error) (Result, error) {
	if refusal != nil {
		return Result{}, refusal
	}
	fields, err := mc.decodeAll(mc.m.Fields, rec)
	if err != nil {
		return Result{}, err
	}
	seen, err := mc.decodeAll(mc.m.Base, rec)
	if err != nil {
		return Result{}, err
	}
	id, err := mc.cfg.OnReadOnlyUpdate(mc.app, mc.info, rec, fields, seen)
	if err != nil {
		return Result{}, err
	}
	if id == "" {
		return Result{}, mc.refused("sync_change_refused", "PATCH", rec.Id, fields)
	}
	mc.saved = true
	res := Result{Mseq: mc.m.Mseq, Status: StatusSuggested, Suggestion: id}
	if res.Rev, err = recordRev(mc.app, mc.col.Name, rec.Id); err != nil {
		return Result{}, err
	}
	res.R, err = mc.readBack(rec.Id)
	return res, err
}

// decodeAll normalises pushed values of known fields (the base may name others: skipped).
func (mc *mutationCtx) decodeAll(raw map[string]json.RawMessage, rec *core.Record) (map[string]any, error) {
	out := map[string]any{}
	for name, v := range raw {
		f := mc.col.Fields.GetByName(name)
		if f == nil {
			continue
		}
		value, err := mc.clientValue(f, v, rec)
		if err != nil {
			return nil, err
		}
		out[name] = value
	}
	return out, nil
}
