package push_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/proposals"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/push"
	s "github.com/maillage/maillage/schema"
)

// proposalOf saves a proposal of author's in phase, by the given ballot kind, whose
// consultation ended a minute ago and whose vote ends in an hour.
func proposalOf(t *testing.T, w *world, author *synctest.User, phase string, secret bool) *core.Record {
	t.Helper()
	return testapp.NewRecord(t, w.srv.App, s.Proposals, map[string]any{
		s.FieldProposalTitle: "Un verger partagé", s.FieldAuthor: author.ID(), s.FieldProposalPhase: phase,
		s.FieldProposalMethod: s.MethodApproval, s.FieldProposalSecret: secret,
		s.FieldProposalOptions:         []map[string]string{{"id": "a", "label": "Oui"}, {"id": "b", "label": "Non"}},
		s.FieldProposalConsultationEnd: time.Now().Add(-time.Minute), s.FieldProposalVoteEnd: time.Now().Add(time.Hour),
	})
}

// follow sets u's choice to follow p through the route.
func follow(t *testing.T, u *synctest.User, p *core.Record, on bool) {
	t.Helper()
	var out struct{ Following bool }
	u.MustCall(t, http.MethodPut, "/api/maillage/proposals/"+p.Id+"/follow", map[string]any{"follow": on}, &out)
	if out.Following != on {
		t.Fatalf("%s follows %s: %v, want %v", u, p.Id, out.Following, on)
	}
}

// advance runs the phase job as the cron does, at at.
func advance(t *testing.T, w *world, at time.Time) {
	t.Helper()
	if _, err := proposals.Advance(w.srv.App, at); err != nil {
		t.Fatal(err)
	}
}

// TestPhaseNotifiesFollowers: when the job opens the vote, the proposal's author, who
// commented or amended and who chose to follow it are notified, not who chose to stop nor a
// bystander; when it closes the vote, an open ballot's voter is notified too. A secret ballot
// never makes its voter a follower: on a secret proposal only the author hears of the close
// (the negative control is the open proposal, where the same kind of voter is notified).
func TestPhaseNotifiesFollowers(t *testing.T) {
	w := newWorld(t)
	p := w.people(t, "ana", "carl", "amy", "fred", "una", "bob", "val", "sam")
	open := proposalOf(t, w, p["ana"], s.PhaseConsultation, false)
	comment := map[string]any{s.FieldCommentTarget: s.Proposals, s.FieldCommentTargetID: open.Id, s.FieldDiscussionText: "Pour"}
	for _, name := range []string{"carl", "una"} {
		comment[s.FieldAuthor] = p[name].ID()
		p[name].MustCall(t, http.MethodPost, "/api/collections/"+s.Comments+"/records", comment, nil)
	}
	p["amy"].MustCall(t, http.MethodPost, "/api/collections/"+s.Amendments+"/records", map[string]any{
		"proposal": open.Id, s.FieldAuthor: p["amy"].ID(), "text": "Des pommiers", "status": s.AmendmentProposed}, nil)
	follow(t, p["fred"], open, true)
	follow(t, p["una"], open, false)

	advance(t, w, time.Now())
	got := w.delivered(t)
	wantPaths(t, "the vote opens", got, "/ana", "/carl", "/amy", "/fred")
	if want := (push.Notification{Title: "Une proposition que vous suivez passe au vote", Body: "Un verger partagé",
		URL: "/#/proposals/" + open.Id}); got["/fred"] != want {
		t.Errorf("Fred's notification: %+v, want %+v", got["/fred"], want)
	}

	secret := proposalOf(t, w, p["ana"], s.PhaseVote, true)
	for _, v := range []struct {
		name string
		on   *core.Record
	}{{"val", open}, {"sam", secret}} {
		p[v.name].MustCall(t, http.MethodPost, "/api/maillage/proposals/"+v.on.Id+"/ballot",
			map[string]any{"choices": map[string]any{"approve": []string{"a"}}}, nil)
	}
	advance(t, w, time.Now().Add(2*time.Hour))
	wantPaths(t, "both votes close", w.delivered(t), "/ana", "/carl", "/amy", "/fred", "/val")
}

// TestReplyOnProposalOpensIt: a reply to one's comment on a proposal opens the proposal's page
// (negative control: a reply under a forum thread opens the thread's, TestReplyNotifications).
func TestReplyOnProposalOpensIt(t *testing.T) {
	w := newWorld(t)
	p := w.people(t, "ana", "carl")
	for _, name := range []string{"ana", "carl"} {
		w.setRole(t, p[name], s.RoleFacilitator) // their comments publish at once
	}
	prop := proposalOf(t, w, p["ana"], s.PhaseConsultation, false)
	prop.Set(s.FieldProposalConsultationEnd, time.Now().Add(time.Hour))
	prop.Set(s.FieldProposalVoteEnd, time.Now().Add(2*time.Hour))
	if err := w.srv.App.Save(prop); err != nil {
		t.Fatal(err)
	}
	body := map[string]any{s.FieldCommentTarget: s.Proposals, s.FieldCommentTargetID: prop.Id, s.FieldAuthor: p["carl"].ID(), s.FieldDiscussionText: "Oui"}
	var top struct{ ID string }
	p["carl"].MustCall(t, http.MethodPost, "/api/collections/"+s.Comments+"/records", body, &top)
	w.delivered(t)
	body[s.FieldAuthor], body[s.FieldCommentParent], body[s.FieldDiscussionText] = p["ana"].ID(), top.ID, "Merci"
	p["ana"].MustCall(t, http.MethodPost, "/api/collections/"+s.Comments+"/records", body, nil)
	got := w.delivered(t)
	wantPaths(t, "Ana's reply", got, "/carl")
	if got["/carl"].URL != "/#/proposals/"+prop.Id {
		t.Errorf("the reply opens %q, want the proposal's page", got["/carl"].URL)
	}
}
