// Package tally counts the ballots of a proposal: approval and majority judgement, per college
// and overall. It is pure (no database): the results route feeds it the stored ballots, and a
// test can feed it the same ballots read by raw SQL and find the same result.
package tally

// Methods of a proposal.
const (
	Approval          = "approval"
	MajorityJudgement = "majorityJudgement"
)

// Option is one choice of a proposal: a stable id and what people read.
type Option struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// Ballot is one stored vote: the approved option ids (approval) or a grade 0..6 per option id
// (majority judgement), and the college of its voter ("" when the proposal has no colleges).
type Ballot struct {
	Approve []string
	Grades  map[string]int
	College string
}

// Figures are the per-option figures of a result. Approval fills Approvals and Share (the
// approvals over the ballots; in the overall result with colleges, the mean of the colleges'
// shares). Majority judgement fills Grades (ballots per grade, 0..6), Shares (the same as
// fractions, weighted like Share), Median and MedianLabel.
type Figures struct {
	Rank        int       `json:"rank"`
	Approvals   *int      `json:"approvals,omitempty"`
	Share       *float64  `json:"share,omitempty"`
	Grades      []int     `json:"grades,omitempty"`
	Shares      []float64 `json:"shares,omitempty"`
	Median      *int      `json:"median,omitempty"`
	MedianLabel string    `json:"medianLabel,omitempty"`
}

// Result is what GET /api/maillage/proposals/{id}/results answers.
type Result struct {
	Method   string             `json:"method"`
	Ballots  int                `json:"ballots"`
	Ranking  []string           `json:"ranking"`
	Options  map[string]Figures `json:"options"`
	Colleges map[string]Result  `json:"colleges"`
}

// Count tallies ballots for options by method. Without colleges the result is the plain
// count, with an empty Colleges. With colleges, each college with at least one ballot gets its
// own result and the overall result weighs every such college equally, whatever its number of
// ballots: a college's ballots count 1/n of the college each.
func Count(method string, options []Option, ballots []Ballot, colleges bool) Result {
	if !colleges {
		return countGroups(method, options, [][]Ballot{ballots})
	}
	byCollege, names := splitColleges(ballots)
	res := countGroups(method, options, groupsOf(byCollege, names))
	for _, name := range names {
		res.Colleges[name] = countGroups(method, options, [][]Ballot{byCollege[name]})
	}
	return res
}

// countGroups tallies groups of ballots, each group weighing the same in the result.
func countGroups(method string, options []Option, groups [][]Ballot) Result {
	var res Result
	if method == MajorityJudgement {
		res = judge(options, groups)
	} else {
		res = approve(options, groups)
	}
	res.Method = method
	for _, g := range groups {
		res.Ballots += len(g)
	}
	res.Colleges = map[string]Result{}
	return res
}

// splitColleges groups ballots by college and returns the college names in a stable order.
func splitColleges(ballots []Ballot) (map[string][]Ballot, []string) {
	by := map[string][]Ballot{}
	var names []string
	for _, b := range ballots {
		if _, ok := by[b.College]; !ok {
			names = append(names, b.College)
		}
		by[b.College] = append(by[b.College], b)
	}
	sortStrings(names)
	return by, names
}

func groupsOf(by map[string][]Ballot, names []string) [][]Ballot {
	groups := make([][]Ballot, 0, len(names))
	for _, n := range names {
		groups = append(groups, by[n])
	}
	return groups
}
