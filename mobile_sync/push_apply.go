package mobilesync

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// mutationCtx carries one mutation through its application inside the push transaction.
type mutationCtx struct {
	app      core.App // the push transaction
	cfg      Config
	info     *core.RequestInfo // the pushing user, for rules and serialisation
	clientID string
	m        Mutation
	lang     string // the language of the push's messages
	col      *core.Collection
	// saved is set once the mutation wrote its record: a failure after that is a server fault
	// (see applyIsolated), never a rejection.
	saved bool
}

// PusherKey is a hidden custom value (never stored) on a record a sync push saves: the id of
// the person who pushed it, for model hooks that must know who wrote, as request hooks know
// e.Auth (moderation's audit of status changes, a suggestion decided offline).
const PusherKey = "maillageSyncPusher"

// save saves rec in the push transaction, marked with its pusher, and remembers that the
// mutation wrote.
func (mc *mutationCtx) save(rec *core.Record) error {
	if mc.info.Auth != nil {
		rec.Set(PusherKey, mc.info.Auth.Id)
		rec.Hide(PusherKey)
	}
	if err := mc.app.Save(rec); err != nil {
		return err
	}
	mc.saved = true
	return nil
}

// rejectError is a data problem with a mutation: it becomes a rejected result, never an error
// of the push. Its message is a catalogue key; each field's problem is written in the push's
// language by i18n.Localize.
type rejectError struct {
	key    string
	params map[string]any
	fields map[string]error
}

func (e *rejectError) Error() string { return i18n.T(i18n.FR, e.key, e.params) }

func reject(key string, params map[string]any) error {
	return &rejectError{key: key, params: params}
}

// fieldReject rejects a mutation for a problem of one field.
func fieldReject(key, field, fieldKey string, params map[string]any) error {
	return &rejectError{key: key, fields: map[string]error{field: i18n.NewError(fieldKey, params)}}
}

// msg writes message key in the push's language.
func (mc *mutationCtx) msg(key string) string { return i18n.T(mc.lang, key, nil) }

// plan is what an update writes: the values to set, the client values that lost, and whether
// a value is a merge rather than the client's own.
type plan struct {
	set    map[string]any
	lost   []lostValue
	merged bool
}

// apply applies the mutation. Data problems return *rejectError or the save's validation
// error; the caller turns those into a rejected result.
func (mc *mutationCtx) apply() (Result, error) {
	if err := mc.check(); err != nil {
		return Result{}, err
	}
	existing, err := mc.find()
	if err != nil {
		return Result{}, err
	}
	switch mc.m.Op {
	case OpCreate:
		if existing == nil {
			return mc.create()
		}
		return mc.update(existing, true)
	case OpUpdate:
		return mc.update(existing, false)
	default:
		return mc.remove(existing)
	}
}

// check validates what the mutation names: a synced collection, a PocketBase id, an op and
// writable fields.
func (mc *mutationCtx) check() error {
	m := mc.m
	if !slices.Contains(mc.cfg.Collections, m.C) {
		return reject("sync_unknown_collection", map[string]any{"collection": clip(m.C, 60)})
	}
	col, err := mc.app.FindCachedCollectionByNameOrId(m.C)
	if err != nil {
		return reject("sync_missing_collection", map[string]any{"collection": clip(m.C, 60)})
	}
	mc.col = col
	if !pbID.MatchString(m.ID) {
		return reject("sync_bad_id", map[string]any{"id": clip(m.ID, 60)})
	}
	if m.Op != OpCreate && m.Op != OpUpdate && m.Op != OpDelete {
		return reject("sync_bad_op", map[string]any{"op": clip(m.Op, 60)})
	}
	return mc.checkFields()
}

// checkFields refuses unknown, hidden and server-managed fields, by field.
func (mc *mutationCtx) checkFields() error {
	bad := map[string]error{}
	for name := range mc.m.Fields {
		f := mc.col.Fields.GetByName(name)
		switch {
		case f == nil:
			bad[name] = i18n.NewError("sync_unknown_field", nil)
		case name == core.FieldNameId || f.GetHidden() || f.Type() == core.FieldTypeAutodate || f.Type() == core.FieldTypePassword:
			bad[name] = i18n.NewError("sync_server_field", nil)
		}
	}
	if len(bad) > 0 {
		return &rejectError{key: "sync_fields_refused", fields: bad}
	}
	return nil
}

func (mc *mutationCtx) find() (*core.Record, error) {
	rec, err := mc.app.FindRecordById(mc.col, mc.m.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find %s/%s: %w", mc.col.Name, mc.m.ID, err)
	}
	return rec, nil
}

// create saves a new record with the client's values, if the CreateRule allows it.
func (mc *mutationCtx) create() (Result, error) {
	rec := core.NewRecord(mc.col)
	rec.Id = mc.m.ID
	values := map[string]any{}
	for name, raw := range mc.m.Fields {
		v, err := mc.clientValue(mc.col.Fields.GetByName(name), raw, rec)
		if err != nil {
			return Result{}, err
		}
		values[name] = v
	}
	if err := mc.setValues(rec, values); err != nil {
		return Result{}, err
	}
	ok, err := canCreate(mc.app, mutationInfo(mc.info, http.MethodPost, values), rec)
	if err != nil {
		return Result{}, err
	}
	if !ok {
		return Result{}, mc.refused("sync_create_refused", http.MethodPost, "", values)
	}
	if err := mc.save(rec); err != nil {
		return Result{}, err
	}
	return mc.finish(rec, false, mc.overridden(rec, values))
}

// update resolves each pushed field against the record and saves what the rules allow.
// fromCreate treats a create of an existing id as an update against an empty base. The
// UpdateRule is checked even when every field conflicts, so that a user who may not change
// the record is refused rather than handed conflicts to re-apply.
func (mc *mutationCtx) update(rec *core.Record, fromCreate bool) (Result, error) {
	if rec == nil || rec.GetBool(s.FieldDeleted) {
		return mc.updateOnDeleted(rec)
	}
	if err := mc.mustRead(rec); err != nil {
		return Result{}, err
	}
	p, err := mc.plan(rec, fromCreate)
	if err != nil {
		return Result{}, err
	}
	readOnly, err := mc.mayUpdate(rec, p.set)
	if readOnly || err != nil {
		return mc.readOnlyUpdate(rec, err)
	}
	if len(p.set) == 0 {
		return mc.finish(rec, p.merged, p.lost)
	}
	if err := mc.setValues(rec, p.set); err != nil {
		return Result{}, err
	}
	if err := mc.save(rec); err != nil {
		return Result{}, err
	}
	return mc.finish(rec, p.merged, append(p.lost, mc.overridden(rec, p.set)...))
}

// mayUpdate checks the collection's UpdateRule with the values the update would write.
// readOnly reports a user the rule refuses whatever the values, when Config.OnReadOnlyUpdate
// may keep their update in another form.
func (mc *mutationCtx) mayUpdate(rec *core.Record, set map[string]any) (readOnly bool, err error) {
	ok, err := canAccess(mc.app, mutationInfo(mc.info, http.MethodPatch, set), rec, mc.col.UpdateRule)
	if err != nil || ok {
		return false, err
	}
	if mc.cfg.OnReadOnlyUpdate != nil {
		anyOK, err := canAccess(mc.app, mutationInfo(mc.info, http.MethodPatch, nil), rec, mc.col.UpdateRule)
		if err != nil || !anyOK {
			return !anyOK, err
		}
	}
	return false, mc.refused("sync_change_refused", http.MethodPatch, rec.Id, set)
}

// refused rejects a create or update the rules refuse, with the fields Config.ExplainRefusal
// names.
func (mc *mutationCtx) refused(key, method, id string, body map[string]any) error {
	re := &rejectError{key: key, params: map[string]any{"collection": mc.col.Name}}
	if mc.cfg.ExplainRefusal == nil {
		return re
	}
	codes := mc.cfg.ExplainRefusal(mc.app, mutationInfo(mc.info, method, body), method, mc.col.Name, id, body)
	if len(codes) > 0 {
		re.fields = map[string]error{}
		for field, code := range codes {
			re.fields[field] = i18n.NewError(code, nil)
		}
	}
	return re
}

// mustRead refuses to compare against a record the user may not read, so that no server value
// of it ever reaches a conflict row.
func (mc *mutationCtx) mustRead(rec *core.Record) error {
	found, err := readableRecords(mc.app, mc.info, mc.col.Name, []string{rec.Id})
	if err != nil {
		return err
	}
	if found[rec.Id] == nil {
		return reject("sync_not_yours", map[string]any{"collection": mc.col.Name})
	}
	return nil
}

// updateOnDeleted keeps the values of an update to a deleted record in syncConflicts without
// resurrecting the record.
func (mc *mutationCtx) updateOnDeleted(rec *core.Record) (Result, error) {
	lost := []lostValue{{Kind: s.ConflictUpdateOnDeleted, Client: rawFields(mc.m.Fields), Message: mc.msg(msgUpdateOnDeleted)}}
	refs, err := writeConflicts(mc.app, mc.info.Auth, mc.clientID, mc.m, lost)
	if err != nil {
		return Result{}, err
	}
	mc.saved = true // the conflict row is a saved record too
	rev, err := recordRev(mc.app, mc.col.Name, mc.m.ID)
	if err != nil {
		return Result{}, err
	}
	return Result{Mseq: mc.m.Mseq, Status: StatusConflict, Rev: rev, Conflicts: refs}, nil
}

// plan resolves every pushed field of rec.
func (mc *mutationCtx) plan(rec *core.Record, emptyBase bool) (plan, error) {
	p := plan{set: map[string]any{}}
	rev, err := recordRev(mc.app, mc.col.Name, rec.Id)
	if err != nil {
		return p, err
	}
	changed, err := mc.changedSinceBase(rev)
	if err != nil {
		return p, err
	}
	for name, raw := range mc.m.Fields {
		in, err := mc.fieldInput(mc.col.Fields.GetByName(name), rec, raw, emptyBase, changed)
		if err != nil {
			return p, err
		}
		d := resolveField(in)
		if d.Outcome != keepServer {
			p.set[name] = d.Value
			p.merged = p.merged || d.Outcome == applyMerged
		}
		if d.Lost {
			p.lost = append(p.lost, lostValue{Kind: s.ConflictField, Field: name, Client: in.Client, Message: mc.msg(msgFieldLost)})
		}
	}
	return p, nil
}

func (mc *mutationCtx) fieldInput(f core.Field, rec *core.Record, raw json.RawMessage, emptyBase, changed bool) (fieldInput, error) {
	in := fieldInput{Policy: policyFor(mc.cfg, mc.col.Name, f), Server: canonical(rec.Get(f.GetName())), ServerChanged: changed}
	client, err := mc.clientValue(f, raw, rec)
	if err != nil {
		return in, err
	}
	in.Client = client
	if emptyBase {
		in.BaseKnown = true
		return in, nil
	}
	if b, ok := mc.m.Base[f.GetName()]; ok {
		if in.Base, err = mc.clientValue(f, b, rec); err != nil {
			return in, err
		}
		in.BaseKnown = true
	}
	return in, nil
}

// clientValue normalises a pushed JSON value the way the field stores it, in canonical form.
func (mc *mutationCtx) clientValue(f core.Field, raw json.RawMessage, rec *core.Record) (any, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, fieldReject("sync_bad_json", f.GetName(), "sync_field_bad_json", nil)
	}
	prepared, err := f.PrepareValue(rec, v)
	if err != nil {
		return nil, fieldReject("sync_wrong_type", f.GetName(), "sync_field_wrong_type", nil)
	}
	return canonical(prepared), nil
}

// overridden lists the values a model hook changed on save (a moderation status, a commune
// from the geo point): the client's value is kept in syncConflicts.
func (mc *mutationCtx) overridden(rec *core.Record, written map[string]any) []lostValue {
	var lost []lostValue
	for name, v := range written {
		if mc.col.Fields.GetByName(name).Type() == core.FieldTypeFile {
			continue // media ids become stored file names
		}
		if saved := canonical(rec.Get(name)); !sameValue(saved, v) {
			lost = append(lost, lostValue{Kind: s.ConflictField, Field: name, Client: v, Message: mc.msg(msgOverridden)})
		}
	}
	return lost
}

// canonical returns v as encoding/json would decode it, the form resolveField compares.
func canonical(v any) any {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil
	}
	return out
}
