package moderation_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

const (
	reportsPath = "/api/collections/" + s.Reports + "/records"
	votesPath   = "/api/collections/" + s.ModerationVotes + "/records"
)

// report posts a report of coll/id as u and returns the status and body.
func report(t *testing.T, u *synctest.User, coll, id string) (int, string) {
	t.Helper()
	st, body, err := u.Call(http.MethodPost, reportsPath, map[string]any{s.FieldTargetCollection: coll,
		s.FieldTargetRecordID: id, s.FieldReason: "insultant", s.FieldAuthor: u.ID()})
	if err != nil {
		t.Fatal(err)
	}
	return st, string(body)
}

// mustReport reports and fails unless the report was accepted.
func mustReport(t *testing.T, u *synctest.User, coll, id string) {
	t.Helper()
	if st, body := report(t, u, coll, id); st != http.StatusOK {
		t.Fatalf("%s reports %s/%s: %d %s", u, coll, id, st, body)
	}
}

// vote posts a moderation vote as u and returns the status and body.
func vote(t *testing.T, u *synctest.User, coll, id, value, reason string) (int, string) {
	t.Helper()
	st, body, err := u.Call(http.MethodPost, votesPath, map[string]any{s.FieldTargetCollection: coll,
		s.FieldTargetRecordID: id, s.FieldVoteVoter: u.ID(), s.FieldVoteValue: value, s.FieldReason: reason})
	if err != nil {
		t.Fatal(err)
	}
	return st, string(body)
}

func mustVote(t *testing.T, u *synctest.User, coll, id, value, reason string) {
	t.Helper()
	if st, body := vote(t, u, coll, id, value, reason); st != http.StatusOK {
		t.Fatalf("%s votes %s on %s/%s: %d %s", u, value, coll, id, st, body)
	}
}

// lists reports whether u's REST list of coll holds id.
func lists(t *testing.T, u *synctest.User, coll, id string) bool {
	t.Helper()
	ids, st := listIDs(t, u, coll, "")
	if st != http.StatusOK {
		t.Fatalf("%s lists %s: %d", u, coll, st)
	}
	return slices.Contains(ids, id)
}

func users(t *testing.T, srv *synctest.Srv, role string, names ...string) []*synctest.User {
	out := []*synctest.User{}
	for _, n := range names {
		out = append(out, srv.NewUser(t, n+"@example.org", role))
	}
	return out
}

func published(t *testing.T, app core.App, author string) *core.Record {
	t.Helper()
	return testapp.NewRecord(t, app, s.Initiatives, map[string]any{"name": "Jardin des voisins", s.FieldAuthor: author})
}

// TestThreeReportsHideUntilAModeratorKeeps: two reports leave an initiative visible (the
// control), a third distinct reporter hides it from a fourth person's REST list and sync
// pull (its author and moderators still see it), the same person cannot report twice, and a
// moderator's keep shows it again, closes the reports, is audited and its reason reaches the
// author.
func TestThreeReportsHideUntilAModeratorKeeps(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	mod := srv.NewUser(t, "mod@example.org", s.RoleModerator)
	rs := users(t, srv, s.RoleResident, "r1", "r2", "r3", "watcher")
	watcher := rs[3]
	rec := published(t, srv.App, fac.ID())
	cursor := watcher.SnapshotAll(t, s.Initiatives, 0).Cursor

	mustReport(t, rs[0], s.Initiatives, rec.Id)
	mustReport(t, rs[1], s.Initiatives, rec.Id)
	if st, _ := report(t, rs[1], s.Initiatives, rec.Id); st == http.StatusOK {
		t.Fatal("the same person reported the same record twice")
	}
	if !lists(t, watcher, s.Initiatives, rec.Id) {
		t.Fatal("control: two reports already hide the record")
	}
	mustReport(t, rs[2], s.Initiatives, rec.Id)
	if lists(t, watcher, s.Initiatives, rec.Id) {
		t.Fatal("three distinct reports left the record in a third person's list")
	}
	pulled := watcher.PullAll(t, cursor, s.Initiatives)
	if slices.Contains(synctest.IDs(pulled.Changes, s.Initiatives, ms.OpPut), rec.Id) ||
		!slices.Contains(synctest.IDs(pulled.Changes, s.Initiatives, ms.OpRemove), rec.Id) {
		t.Fatalf("the hidden record was not removed from the watcher's device: %+v", pulled.Changes)
	}
	if !lists(t, fac, s.Initiatives, rec.Id) || !lists(t, mod, s.Initiatives, rec.Id) {
		t.Fatal("the author or a moderator no longer sees the hidden record")
	}
	if st, body := vote(t, fac, s.Initiatives, rec.Id, s.VoteValidate, ""); st == http.StatusOK {
		t.Fatalf("a trusted member's vote decided on a record hidden by reports: %s", body)
	}

	mustVote(t, mod, s.Initiatives, rec.Id, s.VoteValidate, "Rien d'insultant")
	if !lists(t, watcher, s.Initiatives, rec.Id) {
		t.Fatal("the record kept by a moderator stays hidden")
	}
	if !slices.Contains(synctest.IDs(watcher.PullAll(t, pulled.Cursor, s.Initiatives).Changes, s.Initiatives, ms.OpPut), rec.Id) {
		t.Fatal("the kept record did not come back to the watcher's device")
	}
	checkReports(t, srv.App, rec.Id, s.ReportKept, 3)
	checkAudit(t, srv.App, rec.Id, "report.hide", "report.keep")
	var decided []struct{ Action, Reason string }
	fac.MustCall(t, http.MethodGet, "/api/maillage/moderation/decisions?collection=initiatives&recordId="+rec.Id, nil, &decided)
	if len(decided) == 0 || decided[0].Action != "report.keep" || decided[0].Reason != "Rien d'insultant" {
		t.Fatalf("the author reads the decisions %+v", decided)
	}
	if st, _, _ := watcher.Call(http.MethodGet, "/api/maillage/moderation/decisions?collection=initiatives&recordId="+rec.Id, nil); st == http.StatusOK {
		t.Fatal("someone else reads the decisions on a record that is not theirs")
	}
}

// TestModeratorRemovesAReportedRecord: a moderator's refusal rejects a reported record.
func TestModeratorRemovesAReportedRecord(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	mod := srv.NewUser(t, "mod@example.org", s.RoleModerator)
	r1 := srv.NewUser(t, "r1@example.org", s.RoleResident)
	rec := published(t, srv.App, fac.ID())
	mustReport(t, r1, s.Initiatives, rec.Id)
	mustVote(t, mod, s.Initiatives, rec.Id, s.VoteRefuse, "Propos haineux")
	got, _ := srv.App.FindRecordById(s.Initiatives, rec.Id)
	if got.GetString(s.FieldStatus) != s.StatusRejected {
		t.Fatalf("status %q after removal", got.GetString(s.FieldStatus))
	}
	checkReports(t, srv.App, rec.Id, s.ReportRemoved, 1)
	checkAudit(t, srv.App, rec.Id, "report.remove")
}

// TestReportNeedsAReadableTarget: nobody reports what they cannot read (a pending record of
// someone else, a record that does not exist); the control reports a public one.
func TestReportNeedsAReadableTarget(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	author := srv.NewUser(t, "author@example.org", s.RoleResident)
	other := srv.NewUser(t, "other@example.org", s.RoleResident)
	pending := testapp.NewRecord(t, srv.App, s.Initiatives, map[string]any{"name": "En attente", s.FieldAuthor: author.ID()})
	for _, id := range []string{pending.Id, "nosuchrecord123"} {
		if st, body := report(t, other, s.Initiatives, id); st == http.StatusOK || !strings.Contains(body, "report_target_unreadable") {
			t.Errorf("report of unreadable %s: %d %s", id, st, body)
		}
	}
	if st, _ := report(t, srv.Anonymous(), s.Initiatives, pending.Id); st == http.StatusOK {
		t.Error("an anonymous person reported")
	}
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	mustReport(t, other, s.Initiatives, published(t, srv.App, fac.ID()).Id)
}

// TestReportedMessageHidden: three participants report a message of a group conversation;
// the fourth no longer lists it, its author still does; a moderator (who cannot read the
// conversation) keeps it from the reports' excerpt and it comes back.
func TestReportedMessageHidden(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	mod := srv.NewUser(t, "mod@example.org", s.RoleModerator)
	ps := users(t, srv, s.RoleResident, "writer", "p1", "p2", "p3", "p4")
	ids := []string{}
	for _, p := range ps {
		ids = append(ids, p.ID())
	}
	conv := testapp.NewRecord(t, srv.App, s.Conversations, map[string]any{s.FieldAuthor: ps[0].ID(), s.FieldParticipants: ids})
	msg := testapp.NewRecord(t, srv.App, s.Messages, map[string]any{s.FieldConversation: conv.Id, s.FieldAuthor: ps[0].ID(), s.FieldText: "Message blessant"})
	mustReport(t, ps[1], s.Messages, msg.Id)
	mustReport(t, ps[2], s.Messages, msg.Id)
	if !lists(t, ps[4], s.Messages, msg.Id) {
		t.Fatal("control: two reports hid the message")
	}
	mustReport(t, ps[3], s.Messages, msg.Id)
	if lists(t, ps[4], s.Messages, msg.Id) {
		t.Fatal("the reported message is still listed to another participant")
	}
	if !lists(t, ps[0], s.Messages, msg.Id) {
		t.Fatal("the author no longer sees their message")
	}
	if st, _ := report(t, mod, s.Messages, msg.Id); st == http.StatusOK {
		t.Fatal("a moderator outside the conversation reported its message")
	}
	mustVote(t, mod, s.Messages, msg.Id, s.VoteValidate, "")
	if !lists(t, ps[4], s.Messages, msg.Id) {
		t.Fatal("the kept message stays hidden")
	}
	rep, _ := srv.App.FindFirstRecordByData(s.Reports, s.FieldTargetRecordID, msg.Id)
	if rep.GetString(s.FieldReportExcerpt) != "Message blessant" {
		t.Fatalf("excerpt %q", rep.GetString(s.FieldReportExcerpt))
	}

	worse := testapp.NewRecord(t, srv.App, s.Messages, map[string]any{s.FieldConversation: conv.Id, s.FieldAuthor: ps[0].ID(), s.FieldText: "Menace"})
	mustReport(t, ps[1], s.Messages, worse.Id)
	mustVote(t, mod, s.Messages, worse.Id, s.VoteRefuse, "Menace")
	if _, err := srv.App.FindRecordById(s.Messages, worse.Id); err == nil {
		t.Fatal("a message the moderator removed is still there")
	}
	checkReports(t, srv.App, worse.Id, s.ReportRemoved, 1)
}

func checkReports(t *testing.T, app core.App, id, state string, n int) {
	t.Helper()
	reps, err := app.FindAllRecords(s.Reports)
	if err != nil {
		t.Fatal(err)
	}
	got := 0
	for _, r := range reps {
		if r.GetString(s.FieldTargetRecordID) == id && r.GetString(s.FieldReportState) == state {
			got++
		}
	}
	if got != n {
		t.Fatalf("%d reports %s, want %d", got, state, n)
	}
}

func checkAudit(t *testing.T, app core.App, id string, actions ...string) {
	t.Helper()
	entries, err := app.FindRecordsByFilter(s.AuditLog, "recordId = {:id}", "created", 0, 0, map[string]any{"id": id})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{}
	for _, e := range entries {
		got = append(got, e.GetString(s.FieldAuditAction))
	}
	if !slices.Equal(got, actions) {
		t.Fatalf("audit of %s: %v, want %v", id, got, actions)
	}
}
