package ical

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/interop"
)

// oracleMatches is how many of libical's 146 recurrence cases Expand reproduces exactly. The
// others, with the reason each differs, are listed in docs/interop.md ("iCalendar"); the test
// fails if fewer match, so a regression cannot pass unnoticed.
const oracleMatches = 140

// oracleCase is one case of libical's src/test/icalrecur_test.txt.
type oracleCase struct {
	line                       int
	rule, start, startAt, want string
}

// TestRecurrenceOracle runs every case of libical's recurrence oracle through Expand: DTSTART
// (floating times read as UTC, as libical compares them), expanded from START-AT when given
// (libical's iterator_set_start: the instances before it are not expected), compared as text.
func TestRecurrenceOracle(t *testing.T) {
	cases := readOracle(t, "testdata/libical/src-test/icalrecur_test.txt")
	if len(cases) != 146 {
		t.Fatalf("got %d cases, want 146", len(cases))
	}
	matched := oracleCount(t, cases, normaliseRule)
	t.Logf("%d of %d libical cases match", matched, len(cases))
	if matched < oracleMatches {
		t.Fatalf("got %d matching cases, want at least %d", matched, oracleMatches)
	}
}

// TestRecurrenceOracleNegativeControl shows the oracle notices a worse expansion: without the
// normalisation of rules (the library alone), fewer cases match than the pinned count.
func TestRecurrenceOracleNegativeControl(t *testing.T) {
	cases := readOracle(t, "testdata/libical/src-test/icalrecur_test.txt")
	raw := func(rule string, _ time.Time, _ bool) (string, error) { return rule, nil }
	if n := oracleCount(nil, cases, raw); n >= oracleMatches {
		t.Fatalf("got %d matches without normalisation, want fewer than %d", n, oracleMatches)
	}
}

// oracleCount counts the cases expanded exactly, logging the others when t is set.
func oracleCount(t *testing.T, cases []oracleCase, normalise func(string, time.Time, bool) (string, error)) int {
	matched := 0
	for _, c := range cases {
		got, want := oracleExpand(c, normalise), afterStart(c)
		if got == want {
			matched++
		} else if t != nil {
			t.Logf("line %d differs: RRULE:%s DTSTART:%s\n want %.160s\n got  %.160s", c.line, c.rule, c.start, want, got)
		}
	}
	return matched
}

// oracleExpand expands a case the way the agenda does: normalised as Decode stores it, then
// Expand.
func oracleExpand(c oracleCase, normalise func(string, time.Time, bool) (string, error)) string {
	start, allDay, layout := oracleTime(c.start)
	rule, err := normalise(c.rule, start, allDay)
	if err != nil {
		return "error: " + err.Error()
	}
	ev := interop.Event{Start: start, AllDay: allDay, RRule: rule}
	if _, err := newRule(rule, ev); err != nil {
		return "error: " + err.Error()
	}
	from := start
	if c.startAt != "" {
		from, _, _ = oracleTime(c.startAt)
	}
	var out []string
	for _, t := range Expand(ev, from, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)) {
		out = append(out, t.Format(layout))
	}
	return strings.Join(out, ",")
}

// afterStart is the expected instances from START-AT on.
func afterStart(c oracleCase) string {
	if c.startAt == "" {
		return c.want
	}
	from, _, _ := oracleTime(c.startAt)
	var out []string
	for _, s := range strings.Split(c.want, ",") {
		if t, _, _ := oracleTime(s); !t.Before(from) {
			out = append(out, s)
		}
	}
	return strings.Join(out, ",")
}

// oracleTime reads a case's time, floating or UTC, and the layout to write instances in.
func oracleTime(s string) (time.Time, bool, string) {
	switch {
	case len(s) == len(dateLayout):
		t, _ := time.Parse(dateLayout, s)
		return t, true, dateLayout
	case strings.HasSuffix(s, "Z"):
		t, _ := time.Parse(utcLayout, s)
		return t, false, utcLayout
	}
	t, _ := time.Parse(localLayout, s)
	return t, false, localLayout
}

func readOracle(t *testing.T, path string) []oracleCase {
	t.Helper()
	sc := bufio.NewScanner(bytes.NewReader(readFixture(t, path)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var cases []oracleCase
	var c oracleCase
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if k, v, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, "#") {
			if c.rule == "" {
				c.line = n
			}
			switch k {
			case "RRULE":
				c.rule = v
			case "DTSTART":
				c.start = v
			case "START-AT":
				c.startAt = v
			case "INSTANCES":
				c.want = v
			}
		}
		if line == "" && c.rule != "" {
			cases, c = append(cases, c), oracleCase{}
		}
	}
	if c.rule != "" {
		cases = append(cases, c)
	}
	return cases
}
