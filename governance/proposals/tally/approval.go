package tally

import (
	"slices"
	"sort"
)

// approve counts approvals per option. The ranking is by share of approvals (with one group,
// the count over the same total), highest first; options with the same share keep the order of
// the proposal's options (the first listed ranks first). An approval of an unknown option, or
// a second approval of the same option in one ballot, is ignored.
func approve(options []Option, groups [][]Ballot) Result {
	counts := map[string]int{}
	shares := map[string]float64{}
	for _, g := range groups {
		for id, n := range approvalsIn(options, g) {
			counts[id] += n
			shares[id] += float64(n) / float64(len(g)) / float64(len(groups))
		}
	}
	ranking := optionIDs(options)
	sort.SliceStable(ranking, func(i, j int) bool { return shares[ranking[i]] > shares[ranking[j]] })
	figures := map[string]Figures{}
	for i, id := range ranking {
		n, share := counts[id], round(shares[id])
		figures[id] = Figures{Rank: i + 1, Approvals: &n, Share: &share}
	}
	return Result{Ranking: ranking, Options: figures}
}

// approvalsIn counts the approvals of each option in ballots.
func approvalsIn(options []Option, ballots []Ballot) map[string]int {
	known := optionIDs(options)
	counts := map[string]int{}
	for _, b := range ballots {
		seen := map[string]bool{}
		for _, id := range b.Approve {
			if slices.Contains(known, id) && !seen[id] {
				seen[id] = true
				counts[id]++
			}
		}
	}
	return counts
}

func optionIDs(options []Option) []string {
	ids := make([]string, len(options))
	for i, o := range options {
		ids[i] = o.ID
	}
	return ids
}

// round keeps six decimals, so that results read the same on every machine.
func round(x float64) float64 {
	const scale = 1e6
	if x < 0 {
		return -round(-x)
	}
	return float64(int64(x*scale+0.5)) / scale
}

func sortStrings(s []string) { sort.Strings(s) }
