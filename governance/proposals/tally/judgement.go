package tally

import "sort"

// judge tallies majority judgement. A ballot that leaves an option ungraded (or grades it off
// the scale) gives it 0, "À rejeter", as Balinski and Laraki count a missing grade. Options are
// ranked by compareMajority; options whose majority values are equal to the end keep the order
// of the proposal's options. Groups (colleges) weigh the same: each group's counts are scaled
// to the least common multiple of the groups' sizes before they are added up, which is exact
// (no rounding) and leaves a single group unchanged.
func judge(options []Option, groups [][]Ballot) Result {
	scaled, raw, total := histograms(options, groups)
	ranking := optionIDs(options)
	sort.SliceStable(ranking, func(i, j int) bool {
		return compareMajority(scaled[ranking[i]], scaled[ranking[j]], total) > 0
	})
	figures := map[string]Figures{}
	for i, id := range ranking {
		figures[id] = judgementFigures(i+1, scaled[id], raw[id], total)
	}
	return Result{Ranking: ranking, Options: figures}
}

// histograms returns, per option, the weighted histogram, the raw counts and the weighted total.
func histograms(options []Option, groups [][]Ballot) (map[string]histogram, map[string]histogram, int64) {
	weight := map[int]int64{}
	l := lcmOfSizes(groups)
	scaled, raw := map[string]histogram{}, map[string]histogram{}
	var total int64
	for gi, g := range groups {
		if len(g) == 0 {
			continue
		}
		weight[gi] = l / int64(len(g))
		total += weight[gi] * int64(len(g))
		for _, b := range g {
			for _, o := range options {
				grade := gradeOf(b, o.ID)
				s, r := scaled[o.ID], raw[o.ID]
				s[grade] += weight[gi]
				r[grade]++
				scaled[o.ID], raw[o.ID] = s, r
			}
		}
	}
	return scaled, raw, total
}

func gradeOf(b Ballot, id string) int {
	g, ok := b.Grades[id]
	if !ok || !ValidGrade(g) {
		return GradeMin
	}
	return g
}

func judgementFigures(rank int, scaled, raw histogram, total int64) Figures {
	f := Figures{Rank: rank, Grades: make([]int, GradeMax+1), Shares: make([]float64, GradeMax+1)}
	for g := range raw {
		f.Grades[g] = int(raw[g])
		if total > 0 {
			f.Shares[g] = round(float64(scaled[g]) / float64(total))
		}
	}
	if total > 0 {
		m := scaled.median(total)
		f.Median, f.MedianLabel = &m, GradeLabels[m]
	}
	return f
}

// lcmOfSizes is the least common multiple of the non-empty groups' sizes (1 when none).
func lcmOfSizes(groups [][]Ballot) int64 {
	l := int64(1)
	for _, g := range groups {
		if n := int64(len(g)); n > 0 {
			l = l / gcd(l, n) * n
		}
	}
	return l
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
