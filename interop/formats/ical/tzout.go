package ical

import (
	"fmt"
	"time"

	goical "github.com/emersion/go-ical"
)

// vtzFirstYear is the first year a written VTIMEZONE describes: events before it would use its
// first offset.
const vtzFirstYear = 1970

// change is one change of a zone's offset, as a VTIMEZONE part describes it.
type change struct {
	onset    time.Time // local time of the change, in the offset before it (naive, UTC)
	from, to int
	name     string
	dst      bool
	rule     string // BYMONTH=…;BYDAY=… of its onset
}

// vtimezone builds the VTIMEZONE of an IANA zone from its changes between vtzFirstYear and
// lastYear: changes that follow one yearly rule become one part with an RRULE (open-ended
// when the rule is still in force at lastYear), others a part of their own.
func vtimezone(loc *time.Location, lastYear int) *goical.Component {
	vtz := goical.NewComponent(goical.CompTimezone)
	vtz.Props.SetText(goical.PropTimezoneID, loc.String())
	changes := changesOf(loc, lastYear)
	if len(changes) == 0 {
		name, off := time.Date(vtzFirstYear, 1, 1, 0, 0, 0, 0, loc).Zone()
		start := time.Date(vtzFirstYear, 1, 1, 0, 0, 0, 0, time.UTC)
		vtz.Children = append(vtz.Children, part(change{onset: start, from: off, to: off, name: name}, "", time.Time{}))
		return vtz
	}
	for _, dst := range []bool{false, true} {
		vtz.Children = append(vtz.Children, parts(changes, dst, lastYear)...)
	}
	return vtz
}

// changesOf lists the zone's changes from vtzFirstYear to the end of lastYear.
func changesOf(loc *time.Location, lastYear int) []change {
	var out []change
	t := time.Date(vtzFirstYear, 1, 1, 0, 0, 0, 0, loc)
	for {
		_, end := t.ZoneBounds()
		if end.IsZero() || end.Year() > lastYear {
			return out
		}
		_, from := end.Add(-time.Second).Zone()
		name, to := end.Zone()
		onset := end.UTC().Add(time.Duration(from) * time.Second)
		out = append(out, change{onset: onset, from: from, to: to, name: name, dst: end.IsDST(), rule: yearlyRule(onset)})
		t = end
	}
}

// yearlyRule is the month and weekday rule an onset follows: the last such weekday of its
// month when it is the last, else its rank (2SU: the second Sunday).
func yearlyRule(onset time.Time) string {
	day := onset.Day()
	rank := fmt.Sprint((day-1)/7 + 1)
	if day+7 > daysIn(onset.Year(), onset.Month()) {
		rank = "-1"
	}
	return fmt.Sprintf("BYMONTH=%d;BYDAY=%s%s", int(onset.Month()), rank, weekdays[onset.Weekday()])
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// parts groups the changes of one kind (summer or not) into runs of consecutive years with the
// same rule, offsets, name and time of day, one part each.
func parts(changes []change, dst bool, lastYear int) []*goical.Component {
	var runs [][]change
	for _, c := range changes {
		if c.dst != dst {
			continue
		}
		if n := len(runs); n > 0 && continues(runs[n-1][len(runs[n-1])-1], c) {
			runs[n-1] = append(runs[n-1], c)
			continue
		}
		runs = append(runs, []change{c})
	}
	var out []*goical.Component
	for i, run := range runs {
		first, last := run[0], run[len(run)-1]
		switch {
		case i == len(runs)-1 && last.onset.Year() == lastYear: // still in force: open-ended
			out = append(out, part(first, first.rule, time.Time{}))
		case len(run) == 1:
			out = append(out, part(first, "", time.Time{}))
		default:
			out = append(out, part(first, first.rule, last.onset.Add(-time.Duration(last.from)*time.Second)))
		}
	}
	return out
}

// continues reports whether c follows prev's yearly rule in the next year.
func continues(prev, c change) bool {
	return c.onset.Year() == prev.onset.Year()+1 && c.rule == prev.rule && c.from == prev.from &&
		c.to == prev.to && c.name == prev.name && c.onset.Format("150405") == prev.onset.Format("150405")
}

// part writes one STANDARD or DAYLIGHT part; rule and until are omitted when empty or zero.
func part(c change, rule string, until time.Time) *goical.Component {
	name := goical.CompTimezoneStandard
	if c.dst {
		name = goical.CompTimezoneDaylight
	}
	p := goical.NewComponent(name)
	start := goical.NewProp(goical.PropDateTimeStart)
	start.Value = c.onset.Format(localLayout)
	p.Props.Set(start)
	setRaw(p, goical.PropTimezoneOffsetFrom, utcOffset(c.from))
	setRaw(p, goical.PropTimezoneOffsetTo, utcOffset(c.to))
	p.Props.SetText(goical.PropTimezoneName, c.name)
	if rule != "" {
		rule = "FREQ=YEARLY;" + rule
		if !until.IsZero() {
			rule += ";UNTIL=" + until.UTC().Format(utcLayout)
		}
		setRaw(p, goical.PropRecurrenceRule, rule)
	}
	return p
}

// utcOffset writes an offset in seconds as ±HHMM, or ±HHMMSS when it has seconds.
func utcOffset(secs int) string {
	sign := "+"
	if secs < 0 {
		sign, secs = "-", -secs
	}
	s := fmt.Sprintf("%s%02d%02d", sign, secs/3600, secs/60%60)
	if secs%60 != 0 {
		s += fmt.Sprintf("%02d", secs%60)
	}
	return s
}

func setRaw(c *goical.Component, name, value string) {
	p := goical.NewProp(name)
	p.Value = value
	c.Props.Set(p)
}
