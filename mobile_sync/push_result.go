package mobilesync

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// remove deletes a record, unless someone else changed it since the client's base: then it is
// soft-deleted (or kept, for collections without a deleted flag) and recorded as a conflict.
func (mc *mutationCtx) remove(rec *core.Record) (Result, error) {
	if rec == nil || rec.GetBool(s.FieldDeleted) {
		rev, err := recordRev(mc.app, mc.col.Name, mc.m.ID)
		return Result{Mseq: mc.m.Mseq, Status: StatusApplied, Rev: rev}, err
	}
	ok, err := canAccess(mc.app, mutationInfo(mc.info, http.MethodDelete, nil), rec, mc.col.DeleteRule)
	if err != nil {
		return Result{}, err
	}
	if !ok {
		return Result{}, reject("sync_delete_refused", map[string]any{"collection": mc.col.Name})
	}
	rev, err := recordRev(mc.app, mc.col.Name, rec.Id)
	if err != nil {
		return Result{}, err
	}
	changed, err := mc.changedSinceBase(rev)
	if err != nil {
		return Result{}, err
	}
	if changed {
		return mc.deleteModified(rec)
	}
	if err := mc.app.Delete(rec); err != nil {
		return Result{}, err
	}
	mc.saved = true
	rev, err = recordRev(mc.app, mc.col.Name, rec.Id)
	return Result{Mseq: mc.m.Mseq, Status: StatusApplied, Rev: rev}, err
}

// deleteModified soft-deletes a record changed since the client saw it, so that the changes it
// did not see can be recovered.
func (mc *mutationCtx) deleteModified(rec *core.Record) (Result, error) {
	lost := lostValue{Kind: s.ConflictDeleteOnModified, Client: map[string]any{"op": OpDelete}, Message: mc.msg(msgDeleteKept)}
	if f, ok := mc.col.Fields.GetByName(s.FieldDeleted).(*core.BoolField); ok && f != nil {
		rec.Set(s.FieldDeleted, true)
		if err := mc.save(rec); err != nil {
			return Result{}, err
		}
		lost.Message = mc.msg(msgDeleteOnChanged)
	}
	return mc.finish(rec, false, []lostValue{lost})
}

// finish writes the mutation's conflict rows and builds its result with the record as the
// user may read it now. The server values in the rows come from that same reading, never from
// the stored row: a conflict row must not show what the REST API would hide or blur.
func (mc *mutationCtx) finish(rec *core.Record, merged bool, lost []lostValue) (Result, error) {
	res := Result{Mseq: mc.m.Mseq, Status: StatusApplied}
	if merged {
		res.Status = StatusMerged
	}
	var err error
	if res.Rev, err = recordRev(mc.app, mc.col.Name, rec.Id); err != nil {
		return Result{}, err
	}
	if res.R, err = mc.readBack(rec.Id); err != nil {
		return Result{}, err
	}
	if res.Conflicts, err = writeConflicts(mc.app, mc.info.Auth, mc.clientID, mc.m, asSeen(lost, res.R)); err != nil {
		return Result{}, err
	}
	if len(res.Conflicts) > 0 {
		res.Status = StatusConflict
	}
	return res, nil
}

// readBack returns the record as the pushing user may read it now, nil when they may not.
func (mc *mutationCtx) readBack(id string) (json.RawMessage, error) {
	found, err := readableRecords(mc.app, mc.info, mc.col.Name, []string{id})
	if err != nil || found[id] == nil {
		return nil, err
	}
	return serializeRecord(mc.app, mc.info, found[id])
}

// asSeen sets the server side of lost values from seen, the record as its user reads it: a
// field's value, or the whole record for a delete kept as a conflict (nothing when unreadable).
func asSeen(lost []lostValue, seen json.RawMessage) []lostValue {
	var record map[string]any
	if len(seen) > 0 {
		_ = json.Unmarshal(seen, &record) // serialised by us: always an object
	}
	out := make([]lostValue, len(lost))
	for i, l := range lost {
		switch l.Kind {
		case s.ConflictField:
			l.Server = record[l.Field]
		case s.ConflictDeleteOnModified:
			l.Server = record
		}
		out[i] = l
	}
	return out
}

// rejected records a refused mutation in syncConflicts with the client's values and the
// server's reasons, by field, in lang, and returns its result: the counter advances, the queue
// goes on.
func rejected(app core.App, info *core.RequestInfo, clientID string, m Mutation, cause error, lang string) (Result, error) {
	msg, fields := describeRejection(lang, cause)
	server := map[string]any{}
	for k, v := range fields {
		server[k] = v
	}
	stored := m
	stored.C, stored.ID = orNone(m.C), orNone(m.ID)
	lost := []lostValue{{Kind: s.ConflictRejected, Client: rawFields(m.Fields), Server: server, Message: msg}}
	refs, err := writeConflicts(app, info.Auth, clientID, stored, lost)
	if err != nil {
		return Result{}, err
	}
	return Result{Mseq: m.Mseq, Status: StatusRejected, Message: msg, FieldErrors: fields, Conflicts: refs}, nil
}

// describeRejection turns a refusal into a message and field errors the PWA shows by field, in
// lang: the model hooks' coded errors (i18n.Error, ozzo-validation's) are written again in it.
func describeRejection(lang string, err error) (string, map[string]string) {
	var re *rejectError
	if errors.As(err, &re) {
		return i18n.T(lang, re.key, re.params), localizeFields(lang, re.fields)
	}
	var verrs validation.Errors
	if errors.As(err, &verrs) {
		return i18n.T(lang, "sync_invalid_values", nil), localizeFields(lang, verrs)
	}
	return i18n.T(lang, "sync_refused", map[string]any{"reason": i18n.Localize(lang, err)}), nil
}

// localizeFields writes each field's problem in lang; nil for none.
func localizeFields[M ~map[string]error](lang string, errs M) map[string]string {
	if len(errs) == 0 {
		return nil
	}
	fields := make(map[string]string, len(errs))
	for name, fe := range errs {
		fields[name] = i18n.Localize(lang, fe)
	}
	return fields
}

// orNone keeps a conflict row's required text fields valid for nonsense input.
func orNone(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return "(none)"
	}
	return v
}

// clip shortens v to at most n characters (runes), marking the cut with an ellipsis, so that
// nonsense input fits the conflict row and the messages that quote it.
func clip(v string, n int) string {
	r := []rune(v)
	if len(r) <= n {
		return v
	}
	return string(r[:n-1]) + "…"
}
