package tally

import (
	"slices"
	"testing"
)

var abc = []Option{{"a", "A"}, {"b", "B"}, {"c", "C"}}

func approvals(lists ...[]string) []Ballot {
	bs := make([]Ballot, len(lists))
	for i, l := range lists {
		bs[i] = Ballot{Approve: l}
	}
	return bs
}

func TestApproval(t *testing.T) {
	cases := []struct {
		name    string
		ballots []Ballot
		ranking []string
		counts  map[string]int
	}{
		{"most approvals first", approvals([]string{"b"}, []string{"b", "c"}, []string{"c", "b"}, []string{"a"}),
			[]string{"b", "c", "a"}, map[string]int{"a": 1, "b": 3, "c": 2}},
		{"ties keep the options' order", approvals([]string{"c", "b"}, []string{"b", "c"}),
			[]string{"b", "c", "a"}, map[string]int{"a": 0, "b": 2, "c": 2}},
		{"unknown and repeated approvals ignored", approvals([]string{"c", "c", "c", "z"}, []string{"a"}, []string{}),
			[]string{"a", "c", "b"}, map[string]int{"a": 1, "b": 0, "c": 1}},
		{"no ballots: the options' order", nil, []string{"a", "b", "c"}, map[string]int{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Count(Approval, abc, c.ballots, false)
			if !slices.Equal(r.Ranking, c.ranking) {
				t.Errorf("ranking %v, want %v", r.Ranking, c.ranking)
			}
			if r.Ballots != len(c.ballots) || r.Method != Approval || len(r.Colleges) != 0 {
				t.Errorf("header %+v", r)
			}
			for id, n := range c.counts {
				if got := *r.Options[id].Approvals; got != n {
					t.Errorf("%s: %d approvals, want %d", id, got, n)
				}
			}
		})
	}
}

func TestApprovalShare(t *testing.T) {
	r := Count(Approval, abc, approvals([]string{"a"}, []string{"a", "b"}, []string{}), false)
	if a, b := r.Options["a"], r.Options["b"]; *a.Share != 0.666667 || *b.Share != 0.333333 || a.Rank != 1 || b.Rank != 2 {
		t.Errorf("figures a %+v b %+v", a, b)
	}
}
