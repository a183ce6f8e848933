package tally

import (
	"slices"
	"testing"
)

func inCollege(college string, bs []Ballot) []Ballot {
	for i := range bs {
		bs[i].College = college
	}
	return bs
}

// TestCollegesApproval: the overall weighs each college equally. Inhabitants (1 ballot)
// approve a; public actors (4 ballots) approve a once and b three times. Counted flat, b has
// more approvals (3 to 2); per college, a has 1/1 and 1/4, b 0 and 3/4: a's mean share 0.625
// beats b's 0.375.
func TestCollegesApproval(t *testing.T) {
	ballots := append(inCollege("inhabitants", approvals([]string{"a"})),
		inCollege("publicActors", approvals([]string{"a"}, []string{"b"}, []string{"b"}, []string{"b"}))...)
	r := Count(Approval, abc, ballots, true)
	if !slices.Equal(r.Ranking, []string{"a", "b", "c"}) || *r.Options["a"].Share != 0.625 || *r.Options["b"].Share != 0.375 {
		t.Errorf("overall %v %+v", r.Ranking, r.Options)
	}
	if *r.Options["b"].Approvals != 3 || r.Ballots != 5 {
		t.Errorf("raw counts %+v, ballots %d", r.Options["b"], r.Ballots)
	}
	pub := r.Colleges["publicActors"]
	if !slices.Equal(pub.Ranking, []string{"b", "a", "c"}) || pub.Ballots != 4 || len(r.Colleges) != 2 {
		t.Errorf("public actors %+v", pub)
	}
	if flat := Count(Approval, abc, ballots, false); flat.Ranking[0] != "b" {
		t.Errorf("without colleges b should lead: %v", flat.Ranking)
	}
}

// TestCollegesJudgement: facilitators (3 ballots) grade x Très bien and y Assez bien; private
// actors (1 ballot) grade x À rejeter and y Assez bien. Flat, x's median is Très bien and x
// wins; with equal colleges half the weight grades x À rejeter, its lower median falls to
// À rejeter and y (Assez bien everywhere) wins.
func TestCollegesJudgement(t *testing.T) {
	xy := []Option{{"x", "X"}, {"y", "Y"}}
	ballots := append(inCollege("facilitators", graded(map[string][]int{"x": {5, 5, 5}, "y": {3, 3, 3}})),
		inCollege("privateActors", graded(map[string][]int{"x": {0}, "y": {3}}))...)
	r := Count(MajorityJudgement, xy, ballots, true)
	if !slices.Equal(r.Ranking, []string{"y", "x"}) || *r.Options["x"].Median != 0 || r.Options["x"].Shares[0] != 0.5 {
		t.Errorf("overall %v %+v", r.Ranking, r.Options)
	}
	if got := r.Options["x"].Grades; !slices.Equal(got, []int{1, 0, 0, 0, 0, 3, 0}) {
		t.Errorf("raw grades of x %v", got)
	}
	if f := r.Colleges["facilitators"]; f.Ranking[0] != "x" || *f.Options["x"].Median != 5 {
		t.Errorf("facilitators %+v", f)
	}
	if flat := Count(MajorityJudgement, xy, ballots, false); flat.Ranking[0] != "x" {
		t.Errorf("without colleges x should lead: %v", flat.Ranking)
	}
}
