package ical

import (
	"sort"
	"time"

	"github.com/maillage/maillage/interop"
)

// Expand returns the start of every occurrence of ev that begins in [from, to), in order: the
// RRULE's occurrences (or the start alone when there is none) and the RDATEs, less the EXDATEs,
// at most MaxInstances. The rule recurs in ev.TimeZone, so a weekly 10:00 event stays at 10:00
// local time across summer time; with no zone it recurs in UTC. A rule that cannot be read
// leaves the start alone. Times are UTC.
func Expand(ev interop.Event, from, to time.Time) []time.Time {
	loc := location(ev.TimeZone)
	removed := map[string]bool{}
	for _, t := range ev.ExDates {
		removed[instantKey(t, ev.AllDay, loc)] = true
	}
	var out []time.Time
	keep := func(t time.Time) {
		if !t.Before(from) && t.Before(to) && !removed[instantKey(t, ev.AllDay, loc)] {
			out = append(out, t.UTC())
		}
	}
	for _, t := range ruleInstances(ev, from, to) {
		keep(t)
	}
	for _, t := range ev.RDates {
		keep(t)
	}
	return sortedUnique(out)
}

// maxSteps bounds the occurrences a rule is walked through before from (a minutely rule that
// began years ago), so that an expansion always ends quickly.
const maxSteps = 1_000_000

// ruleInstances lists the rule's occurrences in [from, to) (the start alone without a rule).
func ruleInstances(ev interop.Event, from, to time.Time) []time.Time {
	if ev.RRule == "" {
		return []time.Time{ev.Start}
	}
	r, err := newRule(ev.RRule, ev)
	if err != nil {
		return []time.Time{ev.Start}
	}
	var out []time.Time
	next := r.Iterator()
	t, ok := next()
	for steps := 0; ok && t.Before(to) && len(out) < MaxInstances && steps < maxSteps; steps++ {
		if !t.Before(from) {
			out = append(out, t)
		}
		t, ok = next()
	}
	return out
}

// instantKey identifies an occurrence for EXDATE matching: its instant, or its day for all-day
// events (an EXDATE of an all-day event names a day).
func instantKey(t time.Time, allDay bool, loc *time.Location) string {
	if allDay {
		return t.In(loc).Format(dateLayout)
	}
	return t.UTC().Format(utcLayout)
}

func sortedUnique(ts []time.Time) []time.Time {
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	out := ts[:0]
	for i, t := range ts {
		if i == 0 || !t.Equal(out[len(out)-1]) {
			out = append(out, t)
		}
	}
	if len(out) > MaxInstances {
		out = out[:MaxInstances]
	}
	return out
}
