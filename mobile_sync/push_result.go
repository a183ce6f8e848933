package mobilesync

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// remove deletes a record, unless it changed since the client's base: then it is soft-deleted
// (or kept, for collections without a deleted flag) and the delete is recorded as a conflict.
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
		return Result{}, reject("you may not delete this %s record", mc.col.Name)
	}
	rev, err := recordRev(mc.app, mc.col.Name, rec.Id)
	if err != nil {
		return Result{}, err
	}
	if rev > mc.m.BaseRev {
		return mc.deleteModified(rec)
	}
	if err := mc.app.Delete(rec); err != nil {
		return Result{}, err
	}
	rev, err = recordRev(mc.app, mc.col.Name, rec.Id)
	return Result{Mseq: mc.m.Mseq, Status: StatusApplied, Rev: rev}, err
}

// deleteModified soft-deletes a record changed since the client saw it, so that the changes it
// did not see can be recovered.
func (mc *mutationCtx) deleteModified(rec *core.Record) (Result, error) {
	server := canonical(rec.PublicExport())
	lost := lostValue{Kind: s.ConflictDeleteOnModified, Client: map[string]any{"op": OpDelete},
		Server: server, Message: msgDeleteKept}
	if f, ok := mc.col.Fields.GetByName(s.FieldDeleted).(*core.BoolField); ok && f != nil {
		rec.Set(s.FieldDeleted, true)
		if err := mc.app.Save(rec); err != nil {
			return Result{}, err
		}
		lost.Message = msgDeleteOnChanged
	}
	return mc.finish(rec, false, []lostValue{lost})
}

// finish writes the mutation's conflict rows and builds its result with the record as the
// user may read it now.
func (mc *mutationCtx) finish(rec *core.Record, merged bool, lost []lostValue) (Result, error) {
	refs, err := writeConflicts(mc.app, mc.info.Auth, mc.clientID, mc.m, lost)
	if err != nil {
		return Result{}, err
	}
	res := Result{Mseq: mc.m.Mseq, Status: StatusApplied, Conflicts: refs}
	if merged {
		res.Status = StatusMerged
	}
	if len(refs) > 0 {
		res.Status = StatusConflict
	}
	if res.Rev, err = recordRev(mc.app, mc.col.Name, rec.Id); err != nil {
		return Result{}, err
	}
	found, err := readableRecords(mc.app, mc.info, mc.col.Name, []string{rec.Id})
	if err != nil || found[rec.Id] == nil {
		return res, err
	}
	res.R, err = serializeRecord(mc.app, mc.info, found[rec.Id])
	return res, err
}

// rejected records a refused mutation in syncConflicts with the client's values and the
// server's reasons, by field, and returns its result: the counter advances, the queue goes on.
func rejected(app core.App, info *core.RequestInfo, clientID string, m Mutation, cause error) (Result, error) {
	msg, fields := describeRejection(cause)
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

// describeRejection turns a refusal into a message and field errors the PWA shows by field.
func describeRejection(err error) (string, map[string]string) {
	var re *rejectError
	if errors.As(err, &re) {
		return re.msg, re.fields
	}
	var verrs validation.Errors
	if errors.As(err, &verrs) {
		fields := map[string]string{}
		for name, fe := range verrs {
			fields[name] = fe.Error()
		}
		return "some values are invalid: correct the fields shown and save again", fields
	}
	return fmt.Sprintf("the server refused this change: %v", err), nil
}

// orNone keeps a conflict row's required text fields valid for nonsense input.
func orNone(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return "(none)"
	}
	if len(v) > 100 {
		return v[:100]
	}
	return v
}
