package loadtest

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"sync"
	"time"
)

// Recorder collects the latency and the outcome of every operation, by kind. It is safe for
// concurrent use by every device.
type Recorder struct {
	mu   sync.Mutex
	ops  map[string][]time.Duration
	errs map[string]int
	// firstErr keeps the first error of each kind, to tell what failed.
	firstErr map[string]error
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder {
	return &Recorder{ops: map[string][]time.Duration{}, errs: map[string]int{}, firstErr: map[string]error{}}
}

// Time runs op, records its duration under kind and counts its error.
func (r *Recorder) Time(kind string, op func() error) error {
	t0 := time.Now()
	err := op()
	r.Add(kind, time.Since(t0), err)
	return err
}

// Add records one operation of kind.
func (r *Recorder) Add(kind string, d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ops[kind] = append(r.ops[kind], d)
	if err != nil {
		r.errs[kind]++
		if r.firstErr[kind] == nil {
			r.firstErr[kind] = err
		}
	}
}

// Fail counts an error of kind that has no latency (a realtime connection that dropped).
func (r *Recorder) Fail(kind string, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs[kind]++
	if r.firstErr[kind] == nil {
		r.firstErr[kind] = err
	}
}

// OpStats are the figures of one kind of operation.
type OpStats struct {
	Kind          string
	Count, Errors int
	P50, P95, P99 time.Duration
	Max           time.Duration
	FirstError    error
}

// Stats returns the figures of every kind, sorted by kind.
func (r *Recorder) Stats() []OpStats {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []OpStats
	for kind := range r.kinds() {
		sorted := slices.Clone(r.ops[kind])
		slices.Sort(sorted)
		out = append(out, OpStats{Kind: kind, Count: len(sorted), Errors: r.errs[kind],
			P50: Percentile(sorted, 50), P95: Percentile(sorted, 95), P99: Percentile(sorted, 99),
			Max: Percentile(sorted, 100), FirstError: r.firstErr[kind]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

// kinds returns every kind seen, timed or failed. Callers hold r.mu.
func (r *Recorder) kinds() map[string]bool {
	kinds := map[string]bool{}
	for k := range r.ops {
		kinds[k] = true
	}
	for k := range r.errs {
		kinds[k] = true
	}
	return kinds
}

// Errors returns the number of failed operations of every kind.
func (r *Recorder) Errors() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.errs {
		n += e
	}
	return n
}

// Percentile returns the p-th percentile (nearest rank) of sorted durations; 0 when empty.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(p/100*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(rank, 0), len(sorted)-1)]
}

// WriteTable writes the figures as a Markdown table.
func WriteTable(w io.Writer, stats []OpStats) {
	fmt.Fprintln(w, "| operation | count | p50 ms | p95 ms | p99 ms | max ms | errors |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|")
	for _, s := range stats {
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s | %d |\n", s.Kind, s.Count,
			millis(s.P50), millis(s.P95), millis(s.P99), millis(s.Max), s.Errors)
	}
	for _, s := range stats {
		if s.FirstError != nil {
			fmt.Fprintf(w, "\nfirst %s error: %v\n", s.Kind, s.FirstError)
		}
	}
}

func millis(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
