package tally

// The seven grades of majority judgement, 0 (worst) to 6 (best), named as the French scale of
// Balinski and Laraki's experiments names them.
const (
	GradeMin = 0
	GradeMax = 6
)

// GradeLabels names the grades 0..6.
var GradeLabels = [GradeMax + 1]string{
	"À rejeter", "Insuffisant", "Passable", "Assez bien", "Bien", "Très bien", "Excellent",
}

// ValidGrade tells whether g is on the scale.
func ValidGrade(g int) bool { return g >= GradeMin && g <= GradeMax }

// histogram counts grades 0..6 (weighted counts: see judge).
type histogram [GradeMax + 1]int64

// median is the majority grade: the lower middlemost grade, i.e. the lowest grade g such that
// at least half of the n grades are at most g (for an even n, the lower of the two middle
// grades, as Balinski and Laraki define it).
func (h histogram) median(n int64) int {
	need := (n + 1) / 2
	var cum int64
	for g := range h {
		cum += h[g]
		if cum >= need {
			return g
		}
	}
	return GradeMax
}

// cumulative counts the grades at most g (0 below the scale).
func (h histogram) cumulative(g int) int64 {
	var cum int64
	for i := 0; i <= g && i <= GradeMax; i++ {
		cum += h[i]
	}
	return cum
}

// steady tells whether, after removing k grades m from h (of n grades, median m), the median
// is still m.
func (h histogram) steady(m int, n, k int64) bool {
	need := (n - k + 1) / 2
	return n-k > 0 && h.cumulative(m-1) < need && h.cumulative(m)-k >= need
}

// run is how many median grades can be removed from h one at a time with the median staying m:
// the largest k in [0, n-1] that is steady (steadiness only fails as k grows).
func (h histogram) run(m int, n int64) int64 {
	lo, hi := int64(0), n-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if h.steady(m, n, mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// compareMajority orders two options by majority judgement: their majority values (the medians
// found by removing one median grade at a time, Balinski and Laraki's tie-break) compared
// lexicographically. Both histograms hold n grades. It answers >0 when a ranks above b, <0 when
// below and 0 when the values are the same all the way down. Runs of equal medians are skipped
// in one step, so that weighted counts in the billions cost no more than small ones.
func compareMajority(a, b histogram, n int64) int {
	for n > 0 {
		ma, mb := a.median(n), b.median(n)
		if ma != mb {
			return ma - mb
		}
		k := min(a.run(ma, n), b.run(mb, n)) + 1
		a[ma] -= k
		b[mb] -= k
		n -= k
	}
	return 0
}
