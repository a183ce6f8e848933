package ical

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/teambition/rrule-go"

	"github.com/maillage/maillage/interop"
)

// MaxInstances bounds what one expansion returns (a FREQ=SECONDLY rule over a year would give
// millions), and how many instances an extra finite RRULE is turned into.
const MaxInstances = 10_000

// recurrence reads a VEVENT's RRULE, RDATE and EXDATE into ev. The first RRULE is kept as the
// rule; a further one (RFC 2445 allowed several) is expanded into RDATEs when it is finite, and
// refuses the event when it is not. EXRULE, deprecated by RFC 5545, is ignored.
func (d *decoder) recurrence(c *component, start moment, ev *interop.Event) error {
	for i, p := range c.all("RRULE") {
		rule, err := normaliseRule(p.value, start.local(), start.allDay)
		if err == nil {
			_, err = newRule(rule, *ev)
		}
		if err != nil {
			return refuse(CodeBadRule, "rule", p.value, "detail", err.Error())
		}
		if i == 0 {
			ev.RRule = rule
			continue
		}
		if !strings.Contains(rule, "COUNT=") && !strings.Contains(rule, "UNTIL=") {
			return refuse(CodeSeveralRules)
		}
		ev.RDates = append(ev.RDates, Expand(interop.Event{Start: ev.Start, TimeZone: ev.TimeZone, AllDay: ev.AllDay, RRule: rule},
			ev.Start, time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC))...)
	}
	var err error
	if ev.RDates, err = d.instants(c, "RDATE", start, ev.RDates); err != nil {
		return err
	}
	ev.ExDates, err = d.instants(c, "EXDATE", start, ev.ExDates)
	return err
}

// instants appends the instants of every property called name to out. A date given for a timed
// event means that day at the event's time (an EXDATE;VALUE=DATE removes that day's occurrence).
func (d *decoder) instants(c *component, name string, start moment, out []time.Time) ([]time.Time, error) {
	for _, p := range c.all(name) {
		ms, err := d.moments(p)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if m.allDay && !start.allDay {
				m.at = atTimeOf(m, start)
			}
			out = append(out, m.at)
		}
	}
	return out, nil
}

// atTimeOf is the instant of day's date at start's local time of day, in start's zone.
func atTimeOf(day, start moment) time.Time {
	y, mo, d := day.local().Date()
	l := start.local()
	return start.zone.toUTC(time.Date(y, mo, d, l.Hour(), l.Minute(), l.Second(), 0, time.UTC))
}

// normaliseRule cleans an RRULE as producers write it (an "RRULE:" prefix, a trailing
// semicolon, lower case, repeated BY values), drops the time parts of an all-day event's rule
// (RFC 5545 forbids them there), and writes out what RFC 5545 derives from DTSTART where the
// rule leaves it implicit: a YEARLY rule by week number recurs on DTSTART's weekday, a YEARLY
// rule by month day in DTSTART's month. Written out, every reader of the stored rule (the
// PWA's rrule.js as well) expands it the same way.
func normaliseRule(rule string, local time.Time, allDay bool) (string, error) {
	keys, values := ruleParts(rule)
	if len(keys) == 0 {
		return "", fmt.Errorf("empty rule")
	}
	for _, k := range keys {
		if allDay && (k == "BYHOUR" || k == "BYMINUTE" || k == "BYSECOND") {
			delete(values, k)
		}
	}
	if values["FREQ"] == "YEARLY" && values["BYYEARDAY"] == "" {
		switch {
		case values["BYWEEKNO"] != "" && values["BYDAY"] == "" && values["BYMONTHDAY"] == "":
			keys, values["BYDAY"] = append(keys, "BYDAY"), weekdays[local.Weekday()]
		case values["BYMONTHDAY"] != "" && values["BYMONTH"] == "" && values["BYWEEKNO"] == "":
			keys, values["BYMONTH"] = append(keys, "BYMONTH"), fmt.Sprint(int(local.Month()))
		}
	}
	var out []string
	for _, k := range keys {
		if v, ok := values[k]; ok {
			out = append(out, k+"="+v)
		}
	}
	return strings.Join(out, ";"), nil
}

var weekdays = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// cleanRule is normaliseRule without what needs DTSTART, for VTIMEZONE rules.
func cleanRule(rule string) string {
	keys, values := ruleParts(rule)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, k+"="+values[k])
	}
	return strings.Join(out, ";")
}

// ruleParts splits a rule into its keys, in order and once each, and their values, upper
// case, with repeated list values dropped.
func ruleParts(rule string) ([]string, map[string]string) {
	rule = strings.TrimSpace(rule)
	if len(rule) >= 6 && strings.EqualFold(rule[:6], "RRULE:") {
		rule = rule[6:]
	}
	var keys []string
	values := map[string]string{}
	for _, part := range strings.Split(strings.ToUpper(rule), ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || k == "" {
			continue
		}
		if _, seen := values[k]; !seen {
			keys = append(keys, k)
		}
		values[k] = uniqueList(v)
	}
	return keys, values
}

func uniqueList(v string) string {
	var out []string
	for _, x := range strings.Split(v, ",") {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return strings.Join(out, ",")
}

// errNever refuses a rule with no occurrence at all (BYMONTH=2;BYMONTHDAY=30).
var errNever = errors.New("the rule never occurs")

// newRule builds the rule of ev, starting at its start in its zone. A rule that never occurs
// is refused: walking it would run through every year up to 9999 before giving nothing.
func newRule(rule string, ev interop.Event) (*rrule.RRule, error) {
	loc := location(ev.TimeZone)
	opt, err := rrule.StrToROptionInLocation(rule, loc)
	if err != nil {
		return nil, err
	}
	opt.Dtstart = ev.Start.In(loc)
	if !occurs(*opt) {
		return nil, errNever
	}
	return rrule.NewRRule(*opt)
}

// occurs reports whether a rule has any occurrence, by walking it from the same day and time
// in year 9932 (a leap year): the rule library stops at 9999, so the walk is short whatever
// the rule, and the calendar's patterns (weekdays, leap years, week numbers) all come back
// within those 67 years. COUNT and UNTIL are left out: they only end a rule.
func occurs(opt rrule.ROption) bool {
	d := opt.Dtstart
	opt.Dtstart = time.Date(9932, d.Month(), d.Day(), d.Hour(), d.Minute(), d.Second(), 0, d.Location())
	opt.Count, opt.Until = 0, time.Time{}
	r, err := rrule.NewRRule(opt)
	if err != nil {
		return false
	}
	_, ok := r.Iterator()()
	return ok
}

// location loads an IANA zone, UTC when name is empty or unknown.
func location(name string) *time.Location {
	if loc, err := time.LoadLocation(name); err == nil && name != "Local" {
		return loc
	}
	return time.UTC
}
