package tally

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// Grades of the worked examples, on the seven-grade scale.
const (
	rejeter, insuffisant, passable, assezBien, bien, tresBien, excellent = 0, 1, 2, 3, 4, 5, 6
)

// graded builds ballots from one column of grades per option: ballot i gives option id the
// i-th grade of its column.
func graded(columns map[string][]int) []Ballot {
	var n int
	for _, col := range columns {
		n = len(col)
	}
	bs := make([]Ballot, n)
	for i := range bs {
		bs[i].Grades = map[string]int{}
		for id, col := range columns {
			bs[i].Grades[id] = col[i]
		}
	}
	return bs
}

// repeat is n copies of grade g.
func repeat(g, n int) []int { return slices.Repeat([]int{g}, n) }

// tennessee is the worked example of the article "Majority Judgment" (electowiki.org, following
// Wikipedia's "Majority judgment"): the capital of Tennessee, 100 voters in four groups near
// Memphis (42), Nashville (26), Chattanooga (15) and Knoxville (17), each grading its own city
// Excellent and the others Good, Fair or Poor by distance. The article's figures per city:
// Memphis 42 Excellent / 58 Poor; Nashville 26 Excellent / 42 Good / 32 Fair; Chattanooga
// 15 / 43 / 42; Knoxville 17 / 15 / 26 / 42 Poor. Nashville and Chattanooga share the median
// Good, and Nashville wins the tie-break. Here Excellent, Good, Fair, Poor are Excellent, Bien,
// Passable, Insuffisant. Options are listed Memphis first so that the options' order cannot be
// what ranks Nashville above Chattanooga.
func tennessee() ([]Option, []Ballot) {
	options := []Option{{"memphis", "Memphis"}, {"chattanooga", "Chattanooga"}, {"nashville", "Nashville"}, {"knoxville", "Knoxville"}}
	groups := []struct {
		n                      int
		mem, nash, chatt, knox int
	}{
		{42, excellent, bien, passable, insuffisant},
		{26, insuffisant, excellent, bien, passable},
		{15, insuffisant, passable, excellent, bien},
		{17, insuffisant, passable, bien, excellent},
	}
	cols := map[string][]int{}
	for _, g := range groups {
		cols["memphis"] = append(cols["memphis"], repeat(g.mem, g.n)...)
		cols["nashville"] = append(cols["nashville"], repeat(g.nash, g.n)...)
		cols["chattanooga"] = append(cols["chattanooga"], repeat(g.chatt, g.n)...)
		cols["knoxville"] = append(cols["knoxville"], repeat(g.knox, g.n)...)
	}
	return options, graded(cols)
}

func TestMajorityJudgementTennessee(t *testing.T) {
	options, ballots := tennessee()
	r := Count(MajorityJudgement, options, ballots, false)
	if want := []string{"nashville", "chattanooga", "knoxville", "memphis"}; !slices.Equal(r.Ranking, want) {
		t.Fatalf("ranking %v, want %v", r.Ranking, want)
	}
	medians := map[string]int{"memphis": insuffisant, "nashville": bien, "chattanooga": bien, "knoxville": passable}
	for id, m := range medians {
		if f := r.Options[id]; *f.Median != m || f.MedianLabel != GradeLabels[m] {
			t.Errorf("%s: median %d %q, want %d", id, *f.Median, f.MedianLabel, m)
		}
	}
	if got := r.Options["chattanooga"].Grades; !slices.Equal(got, []int{0, 0, 42, 0, 43, 0, 15}) {
		t.Errorf("Chattanooga's grades %v", got)
	}
	// the tie is broken 16 grades deep: Chattanooga falls to Passable once 16 Bien are removed
	nash, chatt := majorityValue(cols(ballots, "nashville")), majorityValue(cols(ballots, "chattanooga"))
	if d := firstDifference(nash, chatt); d != 16 || nash[d] != bien || chatt[d] != passable {
		t.Errorf("tie broken at depth %d (%d vs %d), want 16 (Bien vs Passable)", d, nash[d], chatt[d])
	}
}

func TestMajorityJudgementExamples(t *testing.T) {
	cases := []struct {
		name    string
		columns map[string][]int
		ranking []string
		medians map[string]int
	}{
		// Balinski & Laraki, "Le jugement majoritaire" (École polytechnique, 2007; English
		// translation at rangevoting.org/BalinskiL.html): five voters grade a candidate Good,
		// Passable, Reject, Good, Mildly good; the majority grade is Mildly good (Assez bien).
		{"B&L five voters", map[string][]int{"a": {bien, passable, rejeter, bien, assezBien}},
			[]string{"a"}, map[string]int{"a": assezBien}},
		// Wikipedia "Majority judgment" (tie-breaking): X (Good, Good, Fair, Poor) and
		// Y (Excellent, Fair, Fair, Fair) both have the lower median Fair; removing one Fair
		// each leaves X the median Good: X wins. Four ballots: the lower middlemost.
		{"Wikipedia X and Y, even", map[string][]int{
			"y": {excellent, passable, passable, passable}, "x": {bien, bien, passable, insuffisant}},
			[]string{"x", "y"}, map[string]int{"x": passable, "y": passable}},
		// even number, lower median: 1, 2, 4, 5 → 2 (not 3)
		{"lower median", map[string][]int{"a": {insuffisant, passable, bien, tresBien}},
			[]string{"a"}, map[string]int{"a": passable}},
		// three grades deep, odd: (0,2,2,2,6) vs (1,2,2,2,5): medians 2, 2, 2, then 0 vs 1
		{"three deep, odd", map[string][]int{"y": {0, 2, 2, 2, 6}, "z": {1, 2, 2, 2, 5}},
			[]string{"z", "y"}, map[string]int{"y": 2, "z": 2}},
		// four deep, even: (0,3,3,3,3,6) vs (2,3,3,3,3,4): 3, 3, 3, 3 then 0 vs 2
		{"four deep, even", map[string][]int{"y": {0, 3, 3, 3, 3, 6}, "z": {2, 3, 3, 3, 3, 4}},
			[]string{"z", "y"}, map[string]int{"y": 3, "z": 3}},
		// the same grades all the way down: the options' order
		{"complete tie", map[string][]int{"z": {4, 1}, "y": {1, 4}}, []string{"y", "z"}, map[string]int{"y": 1, "z": 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			options := optionsOf(c.columns)
			r := Count(MajorityJudgement, options, graded(c.columns), false)
			if !slices.Equal(r.Ranking, c.ranking) {
				t.Errorf("ranking %v, want %v", r.Ranking, c.ranking)
			}
			for id, m := range c.medians {
				if got := *r.Options[id].Median; got != m {
					t.Errorf("%s: median %d, want %d", id, got, m)
				}
			}
		})
	}
}

func TestMissingGradeIsRejeter(t *testing.T) {
	ballots := []Ballot{{Grades: map[string]int{"a": 6}}, {Grades: map[string]int{"a": 9, "b": 6}}}
	r := Count(MajorityJudgement, []Option{{"a", "A"}, {"b", "B"}}, ballots, false)
	if a, b := r.Options["a"].Grades, r.Options["b"].Grades; a[0] != 1 || a[6] != 1 || b[0] != 1 || b[6] != 1 {
		t.Errorf("grades a %v b %v", a, b)
	}
}

// TestCompareMatchesRemovingOneAtATime checks the skipping comparison against the definition
// (majorityValue below removes one median grade at a time) on random ballots.
func TestCompareMatchesRemovingOneAtATime(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3000; i++ {
		n := 1 + rng.IntN(12)
		a, b := randomGrades(rng, n), randomGrades(rng, n)
		want := slices.Compare(majorityValue(a), majorityValue(b))
		got := compareMajority(histogramOf(a), histogramOf(b), int64(n))
		if sign(got) != want {
			t.Fatalf("%v vs %v: compare %d, definition %d", a, b, got, want)
		}
	}
}

// majorityValue is Balinski and Laraki's majority value by its definition: the median (lower
// middlemost), then the median once it is removed, and so on until no grade is left.
func majorityValue(grades []int) []int {
	g := slices.Clone(grades)
	sort.Ints(g)
	var value []int
	for len(g) > 0 {
		i := (len(g) - 1) / 2
		value = append(value, g[i])
		g = slices.Delete(g, i, i+1)
	}
	return value
}

func firstDifference(a, b []int) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

func cols(ballots []Ballot, id string) []int {
	var col []int
	for _, b := range ballots {
		col = append(col, b.Grades[id])
	}
	return col
}

func histogramOf(grades []int) histogram {
	var h histogram
	for _, g := range grades {
		h[g]++
	}
	return h
}

func randomGrades(rng *rand.Rand, n int) []int {
	g := make([]int, n)
	for i := range g {
		g[i] = rng.IntN(4) + 1 // few grades: many ties to break
	}
	return g
}

func sign(x int) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// optionsOf lists the columns' option ids in alphabetical order.
func optionsOf(columns map[string][]int) []Option {
	var ids []string
	for id := range columns {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	options := make([]Option, len(ids))
	for i, id := range ids {
		options[i] = Option{ID: id, Label: id}
	}
	return options
}
