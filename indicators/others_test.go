package indicators_test

// Random writes of the other counted records: comments, suggestions, proposals and the roll of
// their ballots, bookings. A write the model refuses (a suggestion on what its author may edit, a second
// vote of the same person) is tolerated: a refused write must move no figure either.

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	s "github.com/maillage/maillage/schema"
)

// saved counts the writes of each kind that went through, so a test can check it exercised them.
type saved map[string]int

// newOf returns a new record of collection.
func (w *world) newOf(collection string) *core.Record {
	c, err := w.app.FindCollectionByNameOrId(collection)
	if err != nil {
		w.t.Fatal(err)
	}
	return core.NewRecord(c)
}

// try saves r and counts it under kind when it went through.
func (w *world) try(r *core.Record, kind string, done saved) {
	if err := w.app.Save(r); err == nil {
		done[kind]++
		w.others = append(w.others, r)
	}
}

// comment writes a comment on a random record by a random person.
func (w *world) comment(done saved) {
	if len(w.records) == 0 {
		return
	}
	target := pick(w, w.records)
	r := w.newOf(s.Comments)
	r.Load(map[string]any{s.FieldCommentTarget: target.Collection().Name, s.FieldCommentTargetID: target.Id,
		s.FieldDiscussionText: "merci", s.FieldAuthor: pick(w, w.people)})
	r.SetRaw(s.FieldCreated, w.date())
	w.try(r, "comment", done)
}

// suggest writes a suggestion by the resident on a random record, or decides one.
func (w *world) suggest(done saved) {
	if len(w.records) == 0 {
		return
	}
	target := pick(w, w.records)
	field := "name"
	if target.Collection().Name == s.Events || target.Collection().Name == s.Offers {
		field = "title"
	}
	r := w.newOf(s.Suggestions)
	r.Load(map[string]any{s.FieldSuggestionCollection: target.Collection().Name, s.FieldSuggestionRecord: target.Id,
		s.FieldSuggestionFields: map[string]any{field: "mieux"}, s.FieldAuthor: w.people[3]})
	w.try(r, "suggestion", done)
}

// propose opens a proposal (or keeps a draft) by a random person.
func (w *world) propose(done saved) {
	end, _ := types.ParseDateTime(time.Now().AddDate(0, 1, 0))
	r := w.newOf(s.Proposals)
	r.Load(map[string]any{s.FieldProposalTitle: "Budget", s.FieldAuthor: pick(w, w.people),
		s.FieldProposalPhase: pick(w, []string{s.PhaseDraft, s.PhaseVote, s.PhaseVote}), s.FieldProposalVoteEnd: end,
		s.FieldProposalMethod: s.MethodApproval, s.FieldProposalOptions: []map[string]string{{"id": "a", "label": "A"}, {"id": "b", "label": "B"}}})
	w.try(r, "proposal", done)
}

// vote adds a row to the roll of a random proposal.
func (w *world) vote(done saved) {
	var proposals []*core.Record
	for _, r := range w.others {
		if r.Collection().Name == s.Proposals {
			proposals = append(proposals, r)
		}
	}
	if len(proposals) == 0 {
		return
	}
	r := w.newOf(s.VoteRoll)
	r.Load(map[string]any{s.FieldBallotProposal: pick(w, proposals).Id, s.FieldBallotVoter: pick(w, w.people)})
	w.try(r, "ballot", done)
}

// book asks for a random lent offer at random dates.
func (w *world) book(done saved) {
	var lent []*core.Record
	for _, r := range w.records {
		if r.Collection().Name == s.Offers && r.GetString("mode") == s.ModeLoan {
			lent = append(lent, r)
		}
	}
	if len(lent) == 0 {
		return
	}
	start := w.date()
	r := w.newOf(s.Bookings)
	r.Load(map[string]any{s.BookingFields.Offer: pick(w, lent).Id, s.FieldAuthor: pick(w, w.people),
		s.BookingFields.Start: start, s.BookingFields.End: start.Add(48 * time.Hour)})
	w.try(r, "booking", done)
}

// change reshapes or deletes one of the other records: a comment hidden or deleted, a
// suggestion accepted or declined, a proposal moved between phases, a roll row removed.
func (w *world) change(done saved) {
	if len(w.others) == 0 {
		return
	}
	i := w.rng.IntN(len(w.others))
	r, err := w.app.FindRecordById(w.others[i].Collection(), w.others[i].Id)
	if err != nil {
		return // deleted since (a cascade)
	}
	if w.rng.IntN(3) == 0 {
		if w.app.Delete(r) == nil {
			done["delete "+r.Collection().Name]++
		}
		return
	}
	switch r.Collection().Name {
	case s.Comments:
		r.Set(s.FieldDeleted, w.rng.IntN(2) == 0)
	case s.Suggestions:
		r.Set(s.FieldSuggestionStatus, pick(w, []string{s.SuggestionAccepted, s.SuggestionPartlyAccepted, s.SuggestionDeclined}))
	case s.Bookings:
		r.Set(s.BookingFields.Status, pick(w, []string{s.BookingConfirmed, s.BookingConfirmed, s.BookingDeclined, s.BookingCancelled}))
	case s.Proposals:
		r.Set(s.FieldProposalPhase, pick(w, []string{s.PhaseDraft, s.PhaseVote, s.PhaseClosed}))
	}
	if w.app.Save(r) == nil {
		done["update "+r.Collection().Name]++
	}
}

// other does one random write of the other counted records.
func (w *world) other(done saved) {
	switch w.rng.IntN(7) {
	case 5:
		w.book(done)
	case 0:
		w.comment(done)
	case 1:
		w.suggest(done)
	case 2:
		w.propose(done)
	case 3:
		w.vote(done)
	default:
		w.change(done)
	}
}
