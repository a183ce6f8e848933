package moderation_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/maillage/maillage/governance/moderation"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// listIDs lists collection as u through the REST API and returns the ids, or nil and the
// status when refused.
func listIDs(t *testing.T, u *synctest.User, collection, filter string) ([]string, int) {
	t.Helper()
	path := "/api/collections/" + collection + "/records?perPage=500"
	if filter != "" {
		path += "&filter=" + filter
	}
	status, body, err := u.Call(http.MethodGet, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if status != http.StatusOK {
		return nil, status
	}
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, it := range page.Items {
		ids = append(ids, it.ID)
	}
	return ids, status
}

func TestAuditIsAppendOnlyAndReadByModeratorsOnly(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	mod := srv.NewUser(t, "mod@example.org", s.RoleModerator)
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	res := srv.NewUser(t, "res@example.org", s.RoleResident)
	if err := moderation.Audit(srv.App, moderation.Entry{Action: "test", Collection: s.Initiatives, RecordID: "abc",
		Actor: mod.ID(), Reason: "because", Details: map[string]int{"n": 1}}); err != nil {
		t.Fatal(err)
	}
	entry, err := srv.App.FindFirstRecordByData(s.AuditLog, s.FieldAuditAction, "test")
	if err != nil {
		t.Fatal(err)
	}
	if got := entry.GetString(s.FieldAuditActorKind); got != s.ActorModerator {
		t.Errorf("actorKind %q, want moderator", got)
	}
	for _, u := range []*synctest.User{srv.Anonymous(), res, fac} {
		if ids, _ := listIDs(t, u, s.AuditLog, ""); len(ids) != 0 {
			t.Errorf("%s lists the audit log: %v", u, ids)
		}
	}
	if ids, _ := listIDs(t, mod, s.AuditLog, ""); len(ids) != 1 {
		t.Errorf("the moderator lists %v, want the one entry", ids)
	}
	path := "/api/collections/" + s.AuditLog + "/records"
	for _, u := range []*synctest.User{res, mod} {
		if st, _, _ := u.Call(http.MethodPost, path, map[string]any{"action": "forged", "actorKind": "system"}); st/100 == 2 {
			t.Errorf("%s created an audit entry", u)
		}
		if st, _, _ := u.Call(http.MethodPatch, path+"/"+entry.Id, map[string]any{"reason": "x"}); st/100 == 2 {
			t.Errorf("%s changed an audit entry", u)
		}
		if st, _, _ := u.Call(http.MethodDelete, path+"/"+entry.Id, nil); st/100 == 2 {
			t.Errorf("%s deleted an audit entry", u)
		}
	}
	// even a superuser's or the server's own writes cannot change or delete an entry
	entry.Set(s.FieldReason, "rewritten")
	if err := srv.App.Save(entry); err == nil {
		t.Error("an audit entry was changed")
	}
	if err := srv.App.Delete(entry); err == nil {
		t.Error("an audit entry was deleted")
	}
	// but forgetting its actor (an account's deletion) is allowed
	fresh, _ := srv.App.FindRecordById(s.AuditLog, entry.Id)
	fresh.Set(s.FieldAuditActor, "")
	if err := srv.App.Save(fresh); err != nil {
		t.Errorf("clearing the actor: %v", err)
	}
}

func TestIsTrusted(t *testing.T) {
	srv := synctest.Start(t, server.Config{Moderation: moderation.Config{TrustedThreshold: 2}})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	res := srv.NewUser(t, "res@example.org", s.RoleResident)
	check := func(u *synctest.User, want bool) {
		t.Helper()
		got, err := moderation.IsTrusted(srv.App, u.ID())
		if err != nil || got != want {
			t.Errorf("IsTrusted(%s) = %v, %v; want %v", u, got, err, want)
		}
	}
	check(fac, true)
	check(res, false)
	for i, status := range []string{s.StatusPublished, s.StatusPending, s.StatusPublished} {
		r := testapp.NewRecord(t, srv.App, s.Initiatives, map[string]any{"name": "Jardin", s.FieldAuthor: res.ID()})
		r.Set(s.FieldStatus, status)
		if err := srv.App.Save(r); err != nil {
			t.Fatal(err)
		}
		check(res, i == 2) // the pending one does not count
	}
	if ok, _ := moderation.IsTrusted(srv.App, "nosuchuser12345"); ok {
		t.Error("an unknown user is trusted")
	}
}

func TestModeratorStatusChangeIsAudited(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	mod := srv.NewUser(t, "mod@example.org", s.RoleModerator)
	res := srv.NewUser(t, "res@example.org", s.RoleResident)
	r := testapp.NewRecord(t, srv.App, s.Initiatives, map[string]any{"name": "Jardin", s.FieldAuthor: res.ID()})
	path := "/api/collections/" + s.Initiatives + "/records/" + r.Id
	res.MustCall(t, http.MethodPatch, path, map[string]any{"name": "Jardin partagé"}, nil)
	mod.MustCall(t, http.MethodPatch, path, map[string]any{s.FieldStatus: s.StatusPublished}, nil)
	entries, err := srv.App.FindAllRecords(s.AuditLog)
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit entries %d (%v), want 1", len(entries), err)
	}
	e := entries[0]
	if e.GetString(s.FieldAuditAction) != moderation.ActionStatus || e.GetString(s.FieldAuditActor) != mod.ID() ||
		e.GetString(s.FieldTargetRecordID) != r.Id {
		t.Errorf("entry %v", e.FieldsData())
	}
}

// TestDuplicateDismissalIsAudited: a moderator dismissing a pair of likely duplicates through
// its route is written to the audit log with the moderator as actor.
func TestDuplicateDismissalIsAudited(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	mod := srv.NewUser(t, "mod@example.org", s.RoleModerator)
	published(t, srv.App, mod.ID())
	published(t, srv.App, mod.ID())
	pairs, err := srv.App.FindAllRecords(s.Duplicates)
	if err != nil || len(pairs) != 1 {
		t.Fatalf("the two records of the same name make %d pairs (%v), want 1", len(pairs), err)
	}
	mod.MustCall(t, http.MethodPost, "/api/maillage/duplicates/"+pairs[0].Id+"/dismiss", nil, nil)
	checkAudit(t, srv.App, pairs[0].GetString(s.FieldDupRecordA), moderation.ActionDismiss)
}
