package moderation_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/moderation"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

func pendingOf(t *testing.T, app core.App, author string) *core.Record {
	t.Helper()
	return testapp.NewRecord(t, app, s.Initiatives, map[string]any{"name": "Atelier vélo", s.FieldAuthor: author})
}

func statusOf(t *testing.T, app core.App, id string) string {
	t.Helper()
	r, err := app.FindRecordById(s.Initiatives, id)
	if err != nil {
		t.Fatal(err)
	}
	return r.GetString(s.FieldStatus)
}

// TestCommunityValidation: with two votes required, one trusted member's vote leaves a
// resident's contribution pending (the control), a second publishes it without a moderator,
// audited as the community's; two refusals reject another; residents who are not trusted,
// authors on their own contribution and votes on a published record are refused.
func TestCommunityValidation(t *testing.T) {
	srv := synctest.Start(t, server.Config{Moderation: moderation.Config{ValidationVotes: 2, TrustedThreshold: 1}})
	writer := srv.NewUser(t, "writer@example.org", s.RoleResident)
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	trusted := srv.NewUser(t, "trusted@example.org", s.RoleResident)
	newcomer := srv.NewUser(t, "newcomer@example.org", s.RoleResident)
	ownWork := pendingOf(t, srv.App, trusted.ID())
	published(t, srv.App, fac.ID()) // not trusted's
	own := pendingOf(t, srv.App, trusted.ID())
	own.Set(s.FieldStatus, s.StatusPublished)
	if err := srv.App.Save(own); err != nil {
		t.Fatal(err)
	}

	rec := pendingOf(t, srv.App, writer.ID())
	if st, body := vote(t, newcomer, s.Initiatives, rec.Id, s.VoteValidate, ""); st == http.StatusOK || !strings.Contains(body, "vote_not_trusted") {
		t.Fatalf("a resident who is not trusted voted: %d %s", st, body)
	}
	if st, body := vote(t, trusted, s.Initiatives, ownWork.Id, s.VoteValidate, ""); st == http.StatusOK || !strings.Contains(body, "vote_own") {
		t.Fatalf("an author validated their own contribution: %d %s", st, body)
	}
	mustVote(t, trusted, s.Initiatives, rec.Id, s.VoteValidate, "Vu sur place")
	if got := statusOf(t, srv.App, rec.Id); got != s.StatusPending {
		t.Fatalf("control: one vote of two decided (%s)", got)
	}
	if st, _ := vote(t, trusted, s.Initiatives, rec.Id, s.VoteRefuse, ""); st == http.StatusOK {
		t.Fatal("the same person voted twice on a record")
	}
	mustVote(t, fac, s.Initiatives, rec.Id, s.VoteValidate, "")
	if got := statusOf(t, srv.App, rec.Id); got != s.StatusPublished {
		t.Fatalf("two concurring votes left the record %s", got)
	}
	checkAudit(t, srv.App, rec.Id, moderation.ActionValidate)
	entry, _ := srv.App.FindFirstRecordByData(s.AuditLog, s.FieldTargetRecordID, rec.Id)
	if entry.GetString(s.FieldAuditActorKind) != s.ActorCommunity || entry.GetString(s.FieldReason) != "Vu sur place" {
		t.Fatalf("audit entry %v", entry.FieldsData())
	}
	if st, body := vote(t, trusted, s.Initiatives, rec.Id, s.VoteRefuse, ""); st == http.StatusOK || !strings.Contains(body, "vote_not_pending") {
		t.Fatalf("a vote on a published record: %d %s", st, body)
	}

	other := pendingOf(t, srv.App, writer.ID())
	mustVote(t, trusted, s.Initiatives, other.Id, s.VoteRefuse, "Doublon")
	mustVote(t, fac, s.Initiatives, other.Id, s.VoteValidate, "")
	if got := statusOf(t, srv.App, other.Id); got != s.StatusPending {
		t.Fatalf("control: votes that disagree decided (%s)", got)
	}
	mod := srv.NewUser(t, "mod@example.org", s.RoleModerator)
	mustVote(t, mod, s.Initiatives, other.Id, s.VoteRefuse, "Doublon de la fiche existante")
	if got := statusOf(t, srv.App, other.Id); got != s.StatusRejected {
		t.Fatalf("a moderator's refusal left the record %s", got)
	}
	checkAudit(t, srv.App, other.Id, moderation.ActionReject)
}

// TestContributorCounts: a person's published contributions are counted on their profile;
// pending ones are not; an unknown person is not found.
func TestContributorCounts(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	res := srv.NewUser(t, "res@example.org", s.RoleResident)
	published(t, srv.App, fac.ID())
	published(t, srv.App, fac.ID())
	pendingOf(t, srv.App, res.ID())
	for who, want := range map[*synctest.User]int{fac: 2, res: 0} {
		var c moderation.Contributor
		fac.MustCall(t, http.MethodGet, "/api/maillage/contributors/"+who.ID(), nil, &c)
		if c.Published != want || c.SuggestionsAccepted != 0 {
			t.Errorf("%s: %+v, want %d published", who, c, want)
		}
	}
	if st, _, _ := fac.Call(http.MethodGet, "/api/maillage/contributors/nosuchuser12345", nil); st != http.StatusNotFound {
		t.Errorf("unknown person: %d", st)
	}
}

// TestQueue: a trusted member's queue lists others' pending contributions (not their own);
// someone not trusted gets an empty one; only moderators see the reported items.
func TestQueue(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	writer := srv.NewUser(t, "writer@example.org", s.RoleResident)
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	mod := srv.NewUser(t, "mod@example.org", s.RoleModerator)
	rec := pendingOf(t, srv.App, writer.ID())
	pendingOf(t, srv.App, fac.ID()) // a facilitator's record is published at once
	pub := published(t, srv.App, fac.ID())
	mustReport(t, writer, s.Initiatives, pub.Id)
	var q moderation.Queue
	fac.MustCall(t, http.MethodGet, moderation.PathQueue, nil, &q)
	if !q.Trusted || len(q.Pending) != 1 || q.Pending[0].ID != rec.Id || len(q.Reported) != 0 {
		t.Fatalf("the facilitator's queue %+v", q)
	}
	writer.MustCall(t, http.MethodGet, moderation.PathQueue, nil, &q)
	if q.Trusted || len(q.Pending) != 0 {
		t.Fatalf("an untrusted resident's queue %+v", q)
	}
	mod.MustCall(t, http.MethodGet, moderation.PathQueue, nil, &q)
	if len(q.Pending) != 1 || len(q.Reported) != 1 || q.Reported[0].ID != pub.Id || q.Reported[0].Reasons[0] != "insultant" {
		t.Fatalf("the moderator's queue %+v", q)
	}
	if st, _, _ := srv.Anonymous().Call(http.MethodGet, moderation.PathQueue, nil); st != http.StatusUnauthorized {
		t.Fatalf("anonymous queue: %d", st)
	}
}
