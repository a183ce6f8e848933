package moderation_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/moderation"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// rawOf encodes each value of m.
func rawOf(m map[string]any) map[string]json.RawMessage {
	raw := map[string]json.RawMessage{}
	for k, v := range m {
		raw[k], _ = json.Marshal(v)
	}
	return raw
}

// pushUpdate pushes one update of initiative id from base to fields as u's device (mseq 1 of
// a device of its own) and returns its result.
func pushUpdate(t *testing.T, u *synctest.User, id string, fields, base map[string]any) ms.Result {
	t.Helper()
	res := u.Device().Push(t, ms.PushRequest{Mutations: []ms.Mutation{{Mseq: 1, C: s.Initiatives, ID: id, Op: ms.OpUpdate,
		Fields: rawOf(fields), Base: rawOf(base)}}})
	if len(res.Results) != 1 {
		t.Fatalf("push: %+v", res)
	}
	return res.Results[0]
}

// auditOf returns the audit entries of initiative id.
func auditOf(t *testing.T, app core.App, id string) []*core.Record {
	t.Helper()
	entries, err := app.FindAllRecords(s.AuditLog, dbx.HashExp{s.FieldTargetRecordID: id})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// TestModeratorStatusChangeThroughSyncIsAudited: a moderator's publication queued offline and
// pushed through sync writes the same audit entry as the same decision through REST (action,
// actor, actor kind, before and after). Negative controls: the author's pushed edit that keeps
// the status writes none, and the moderator's REST decision is the reference the pushed one
// must equal.
func TestModeratorStatusChangeThroughSyncIsAudited(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	mod := srv.NewUser(t, "mod@example.org", s.RoleModerator)
	res := srv.NewUser(t, "res@example.org", s.RoleResident)
	viaREST := testapp.NewRecord(t, srv.App, s.Initiatives, map[string]any{"name": "Jardin", s.FieldAuthor: res.ID()})
	viaSync := testapp.NewRecord(t, srv.App, s.Initiatives, map[string]any{"name": "Verger", s.FieldAuthor: res.ID()})

	if r := pushUpdate(t, res, viaSync.Id, map[string]any{"name": "Verger partagé"}, map[string]any{"name": "Verger"}); r.Status != ms.StatusApplied {
		t.Fatalf("the author's pushed edit: %+v", r)
	}
	if got := auditOf(t, srv.App, viaSync.Id); len(got) != 0 {
		t.Fatalf("control: an edit keeping the status wrote %d audit entries", len(got))
	}
	mod.MustCall(t, http.MethodPatch, "/api/collections/"+s.Initiatives+"/records/"+viaREST.Id, map[string]any{s.FieldStatus: s.StatusPublished}, nil)
	if r := pushUpdate(t, mod, viaSync.Id, map[string]any{s.FieldStatus: s.StatusPublished}, map[string]any{s.FieldStatus: s.StatusPending}); r.Status != ms.StatusApplied {
		t.Fatalf("the moderator's pushed decision: %+v", r)
	}
	want, got := auditOf(t, srv.App, viaREST.Id), auditOf(t, srv.App, viaSync.Id)
	if len(want) != 1 || len(got) != 1 {
		t.Fatalf("audit entries: %d through REST, %d through sync, want 1 each", len(want), len(got))
	}
	for _, f := range []string{s.FieldAuditAction, s.FieldAuditActor, s.FieldAuditActorKind, s.FieldTargetCollection, s.FieldAuditDetails} {
		if w, g := want[0].GetString(f), got[0].GetString(f); w != g {
			t.Errorf("%s: %q through sync, %q through REST", f, g, w)
		}
	}
	if got[0].GetString(s.FieldAuditAction) != moderation.ActionStatus || got[0].GetString(s.FieldAuditActor) != mod.ID() {
		t.Errorf("entry %v", got[0].FieldsData())
	}
}
