package proposals_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/governance/proposals"
	"github.com/maillage/maillage/governance/proposals/tally"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

func TestOpenBallotOnePerPersonChangeableUntilClosed(t *testing.T) {
	w := newWorld(t)
	p := w.proposal(t, s.PhaseVote, s.MethodApproval, nil)
	mustVote(t, w.resident, p, approve("a"))
	mustVote(t, w.resident, p, approve("b", "c")) // changed, not added
	mustVote(t, w.other, p, approve("b"))
	if n, _ := w.srv.App.CountRecords(s.Votes, dbx.HashExp{"proposal": p.Id}); n != 2 {
		t.Fatalf("%d ballots, want 2", n)
	}
	if status, _ := vote(t, w.anonymous, p, approve("a")); status != 401 {
		t.Errorf("anonymous vote: %d", status)
	}
	for _, bad := range []map[string]any{approve("z"), approve("a", "a"), grades(map[string]int{"a": 1, "b": 1, "c": 1})} {
		if status, _ := vote(t, w.other, p, bad); status != 400 {
			t.Errorf("invalid ballot %v: %d", bad, status)
		}
	}
	if status, _ := results(t, w.resident, p); status != 403 {
		t.Errorf("results during the vote: %d", status)
	}
	w.setPhase(t, p, s.PhaseClosed)
	if status, _ := vote(t, w.resident, p, approve("a")); status != 409 {
		t.Errorf("vote after closing: %d", status)
	}
	var res tally.Result
	status, data := results(t, w.anonymous, p)
	if status != 200 || json.Unmarshal(data, &res) != nil {
		t.Fatalf("results: %d %s", status, data)
	}
	if res.Ballots != 2 || res.Ranking[0] != "b" || *res.Options["b"].Approvals != 2 || *res.Options["a"].Approvals != 0 {
		t.Errorf("results %s", data)
	}
}

// TestOneBallotPerPersonInTheDatabase: the unique indexes refuse a second open ballot and a
// second roll entry even when written past the routes.
func TestOneBallotPerPersonInTheDatabase(t *testing.T) {
	w := newWorld(t)
	p := w.proposal(t, s.PhaseVote, s.MethodApproval, nil)
	mustVote(t, w.resident, p, approve("a"))
	insert := func(table string, cols dbx.Params) error {
		_, err := w.srv.App.DB().Insert(table, cols).Execute()
		return err
	}
	if err := insert(s.Votes, dbx.Params{"id": "dupballot000001", "proposal": p.Id, "voter": w.resident.ID(), "choices": `{"approve":[]}`}); err == nil {
		t.Error("a second open ballot of the same voter was stored")
	}
	if err := insert(s.VoteRoll, dbx.Params{"id": "duproll00000001", "proposal": p.Id, "voter": w.resident.ID()}); err == nil {
		t.Error("a second roll entry of the same voter was stored")
	}
	// control: another voter's rows go in
	if err := insert(s.VoteRoll, dbx.Params{"id": "okroll000000001", "proposal": p.Id, "voter": w.other.ID()}); err != nil {
		t.Errorf("control: %v", err)
	}
}

func TestSecretBallotNeedsItsReceipt(t *testing.T) {
	w := newWorld(t)
	p := w.proposal(t, s.PhaseVote, s.MethodMajorityJudgement, map[string]any{s.FieldProposalSecret: true})
	out := mustVote(t, w.resident, p, grades(map[string]int{"a": 6, "b": 3, "c": 0}))
	receipt, _ := out["receipt"].(map[string]any)
	if receipt["id"] == nil || receipt["token"] == nil {
		t.Fatalf("no receipt: %v", out)
	}
	if status, _ := vote(t, w.resident, p, grades(map[string]int{"a": 0, "b": 0, "c": 0})); status != 409 {
		t.Errorf("second secret ballot without receipt: %d", status)
	}
	forged := map[string]any{"id": receipt["id"], "token": "00"}
	body := grades(map[string]int{"a": 1, "b": 1, "c": 1})
	body["receipt"] = forged
	if status, _ := vote(t, w.resident, p, body); status != 403 {
		t.Errorf("forged receipt: %d", status)
	}
	body["receipt"] = receipt
	mustVote(t, w.resident, p, body)
	ballots, err := proposals.StoredBallots(w.srv.App, p.Id)
	if err != nil || len(ballots) != 1 || ballots[0].Grades["a"] != 1 {
		t.Errorf("stored ballots %v %v", ballots, err)
	}
}

// TestResultsReproducedFromRawBallots: the results route equals a count of the ballots read
// by raw SQL, with colleges.
func TestResultsReproducedFromRawBallots(t *testing.T) {
	w := newWorld(t)
	p := w.proposal(t, s.PhaseVote, s.MethodMajorityJudgement, map[string]any{s.FieldProposalColleges: true, s.FieldProposalSecret: true})
	if status, _ := vote(t, w.resident, p, grades(map[string]int{"a": 6, "b": 3, "c": 0})); status != 409 {
		t.Errorf("a vote by college without a college: %d", status)
	}
	for i, u := range []*synctest.User{w.resident, w.other, w.facilitator, w.moderator} {
		setCollege(t, w, u.ID(), s.Colleges[i%2])
		mustVote(t, u, p, grades(map[string]int{"a": i, "b": 6 - i, "c": 3}))
	}
	w.setPhase(t, p, s.PhaseClosed)
	status, data := results(t, w.anonymous, p)
	if status != 200 {
		t.Fatalf("results: %d %s", status, data)
	}
	var rows []struct {
		Choices string `db:"choices"`
		College string `db:"college"`
	}
	if err := w.srv.App.DB().NewQuery("SELECT choices, college FROM votes WHERE proposal = {:p}").Bind(dbx.Params{"p": p.Id}).All(&rows); err != nil {
		t.Fatal(err)
	}
	var ballots []tally.Ballot
	for _, r := range rows {
		var c proposals.Choices
		_ = json.Unmarshal([]byte(r.Choices), &c)
		ballots = append(ballots, tally.Ballot{Grades: c.Grades, College: r.College})
	}
	want, _ := json.Marshal(tally.Count(tally.MajorityJudgement, []tally.Option{{ID: "a", Label: "Option a"}, {ID: "b", Label: "Option b"}, {ID: "c", Label: "Option c"}}, ballots, true))
	var got, recomputed map[string]any
	_ = json.Unmarshal(data, &got)
	_ = json.Unmarshal(want, &recomputed)
	if !reflect.DeepEqual(got, recomputed) || len(rows) != 4 {
		t.Errorf("results %s\nrecomputed %s", data, want)
	}
	if cs, _ := got["colleges"].(map[string]any); len(cs) != 2 {
		t.Errorf("colleges %v", got["colleges"])
	}
}
