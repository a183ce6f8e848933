package ical

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/teambition/rrule-go"
)

// A VTIMEZONE's rules are expanded up to rulesUntil, at most maxOnsets onsets per STANDARD or
// DAYLIGHT part: later times keep the last offset. Only YEARLY and MONTHLY rules are expanded
// (a time zone changes a few times a year at most), so no rule can make the reader spin.
var rulesUntil = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)

const maxOnsets = 1000

// transition is a change of UTC offset: from instant at (Unix seconds), the offset is to.
type transition struct {
	at int64
	to int
}

// customZone is a zone defined only by its VTIMEZONE: its transitions computed from the
// STANDARD and DAYLIGHT parts' DTSTART, RRULE and RDATE.
type customZone struct {
	initial int // offset before the first transition
	trans   []transition
	offsets []int // every offset the zone takes
}

// newCustomZone computes a VTIMEZONE's transitions; false when it has no usable part.
func newCustomZone(vtz *component) (*customZone, bool) {
	z := &customZone{}
	first := int64(1<<62 - 1)
	for _, part := range vtz.children {
		if part.name != "STANDARD" && part.name != "DAYLIGHT" {
			continue
		}
		from, okFrom := offsetOf(part.get("TZOFFSETFROM"))
		to, okTo := offsetOf(part.get("TZOFFSETTO"))
		if !okFrom || !okTo {
			continue
		}
		for _, at := range onsets(part, from) {
			z.trans = append(z.trans, transition{at: at, to: to})
			if at < first {
				first, z.initial = at, from
			}
		}
	}
	if len(z.trans) == 0 {
		return nil, false
	}
	sort.SliceStable(z.trans, func(i, j int) bool { return z.trans[i].at < z.trans[j].at })
	z.offsets = distinctOffsets(z)
	return z, true
}

// onsets returns the Unix instants at which an observance begins: its DTSTART, its RRULE's
// occurrences and its RDATEs, local times read in the offset in force before it (from).
func onsets(part *component, from int) []int64 {
	start, ok := naive(part.get("DTSTART"))
	if !ok {
		return nil
	}
	out := []int64{start.Unix() - int64(from)}
	if rule := part.get("RRULE"); rule != nil {
		for _, t := range ruleOnsets(rule.value, start, from) {
			out = append(out, t.Unix()-int64(from))
		}
	}
	for _, rd := range part.all("RDATE") {
		for _, v := range strings.Split(rd.value, ",") {
			v = strings.TrimSpace(strings.SplitN(v, "/", 2)[0]) // a PERIOD starts the observance
			if t, ok := naiveValue(v); ok {
				out = append(out, t.Unix()-int64(from))
			} else if t, err := time.Parse(utcLayout, strings.ToUpper(v)); err == nil {
				out = append(out, t.Unix())
			}
		}
	}
	return out
}

// ruleOnsets expands a VTIMEZONE part's RRULE from start (a naive local time in UTC); its UNTIL,
// an instant, is moved to the same naive local time (from is the offset before the onsets).
func ruleOnsets(rule string, start time.Time, from int) []time.Time {
	opt, err := rrule.StrToROptionInLocation(cleanRule(rule), time.UTC)
	if err != nil || (opt.Freq != rrule.YEARLY && opt.Freq != rrule.MONTHLY) {
		return nil
	}
	if _, values := ruleParts(rule); strings.HasSuffix(values["UNTIL"], "Z") {
		opt.Until = opt.Until.Add(time.Duration(from) * time.Second)
	}
	opt.Dtstart = start
	r, err := rrule.NewRRule(*opt)
	if err != nil || !occurs(*opt) {
		return nil
	}
	var out []time.Time
	next := r.Iterator()
	for t, ok := next(); ok && t.Before(rulesUntil) && len(out) < maxOnsets; t, ok = next() {
		out = append(out, t)
	}
	return out
}

// offsetAt returns the UTC offset in force at Unix instant u.
func (z *customZone) offsetAt(u int64) int {
	i := sort.Search(len(z.trans), func(i int) bool { return z.trans[i].at > u })
	if i == 0 {
		return z.initial
	}
	return z.trans[i-1].to
}

// toUTC converts a local wall time (given as a naive time in UTC) to an instant.
func (z *customZone) toUTC(local time.Time) time.Time {
	return fromLocal(local, z.offsets, z.offsetAt)
}

// fromLocal converts a local wall time to an instant, given the offsets a zone takes and the
// offset in force at each instant. An ambiguous time takes its first occurrence; a time skipped
// by a change is read with the offset before the change (RFC 5545 §3.3.5).
func fromLocal(local time.Time, offsets []int, offsetAt func(int64) int) time.Time {
	n := local.Unix()
	best, found := int64(0), false
	for _, off := range offsets {
		if u := n - int64(off); offsetAt(u) == off && (!found || u < best) {
			best, found = u, true
		}
	}
	if !found {
		best = n - int64(offsetAt(n-int64(slices.Max(offsets))))
	}
	return time.Unix(best, 0).UTC()
}

// distinctOffsets lists the zone's offsets, smallest first.
func distinctOffsets(z *customZone) []int {
	seen := map[int]bool{z.initial: true}
	out := []int{z.initial}
	for _, t := range z.trans {
		if !seen[t.to] {
			seen[t.to] = true
			out = append(out, t.to)
		}
	}
	sort.Ints(out)
	return out
}

// offsetOf reads a UTC-OFFSET value, ±HHMM or ±HHMMSS, in seconds.
func offsetOf(p *prop) (int, bool) {
	if p == nil {
		return 0, false
	}
	v := strings.TrimSpace(p.value)
	if len(v) != 5 && len(v) != 7 || (v[0] != '+' && v[0] != '-') {
		return 0, false
	}
	n, err := strconv.Atoi(v[1:])
	if err != nil || n < 0 {
		return 0, false
	}
	if len(v) == 5 {
		n *= 100
	}
	secs := n/10000*3600 + n/100%100*60 + n%100
	if secs >= 24*3600 {
		return 0, false
	}
	if v[0] == '-' {
		secs = -secs
	}
	return secs, true
}
