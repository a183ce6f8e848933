package proposals_test

import (
	"testing"
	"time"

	"github.com/maillage/maillage/governance/proposals"
	s "github.com/maillage/maillage/schema"
)

// TestAdvanceAtDeadlines: the job moves a consultation to the vote at consultationEnd, a vote
// to closed at voteEnd, a consultation whose vote also ended straight to closed, and leaves
// drafts and proposals before their deadlines alone.
func TestAdvanceAtDeadlines(t *testing.T) {
	w := newWorld(t)
	now := time.Now()
	cases := []struct {
		phase, want     string
		consult, voteAt time.Duration
	}{
		{s.PhaseConsultation, s.PhaseVote, -time.Minute, time.Hour},
		{s.PhaseConsultation, s.PhaseConsultation, time.Minute, time.Hour},
		{s.PhaseVote, s.PhaseClosed, -2 * time.Hour, -time.Minute},
		{s.PhaseVote, s.PhaseVote, -2 * time.Hour, time.Minute},
		{s.PhaseConsultation, s.PhaseClosed, -2 * time.Hour, -time.Hour},
		{s.PhaseDraft, s.PhaseDraft, -2 * time.Hour, -time.Hour},
	}
	ids := make([]string, len(cases))
	for i, c := range cases {
		ids[i] = w.proposal(t, c.phase, s.MethodApproval, map[string]any{
			s.FieldProposalConsultationEnd: now.Add(c.consult), s.FieldProposalVoteEnd: now.Add(c.voteAt)}).Id
	}
	n, err := proposals.Advance(w.srv.App, now)
	if err != nil || n != 3 {
		t.Fatalf("advanced %d (%v), want 3", n, err)
	}
	for i, c := range cases {
		p, _ := w.srv.App.FindRecordById(s.Proposals, ids[i])
		if got := p.GetString(s.FieldProposalPhase); got != c.want {
			t.Errorf("case %d: %s, want %s", i, got, c.want)
		}
	}
}

// TestOpeningNeedsDeadlinesToCome: the author opens the consultation only with deadlines to
// come and in order.
func TestOpeningNeedsDeadlinesToCome(t *testing.T) {
	w := newWorld(t)
	now := time.Now()
	for _, c := range []struct {
		consult, vote time.Duration
		want          int
	}{{-time.Hour, time.Hour, 400}, {2 * time.Hour, time.Hour, 400}, {time.Hour, 2 * time.Hour, 200}} {
		p := w.proposal(t, s.PhaseDraft, s.MethodApproval, map[string]any{
			s.FieldProposalConsultationEnd: now.Add(c.consult), s.FieldProposalVoteEnd: now.Add(c.vote)})
		if got := call(w.author, "PATCH", rec(s.Proposals, p.Id), map[string]any{"phase": s.PhaseConsultation}); got != c.want {
			t.Errorf("consultation %v, vote %v: %d, want %d", c.consult, c.vote, got, c.want)
		}
	}
	p := w.proposal(t, s.PhaseDraft, s.MethodApproval, nil)
	if got := call(w.author, "PATCH", rec(s.Proposals, p.Id), map[string]any{"options": options("solo")}); got != 400 {
		t.Errorf("a single option: %d, want 400", got)
	}
}
