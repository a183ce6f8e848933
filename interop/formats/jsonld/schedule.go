package jsonld

import (
	"fmt"
	"strings"
)

// schedule is a schema.org Schedule read as the first occurrence's start and end and an
// RFC 5545 recurrence rule.
type schedule struct {
	start, end, zone, rrule string
}

// frequencies maps schema.org repeatFrequency values (ISO 8601 durations or words) to RRULE's.
var frequencies = map[string]string{"D": "DAILY", "W": "WEEKLY", "M": "MONTHLY", "Y": "YEARLY",
	"daily": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY", "yearly": "YEARLY", "annually": "YEARLY"}

var weekdays = map[string]string{"Monday": "MO", "Tuesday": "TU", "Wednesday": "WE", "Thursday": "TH",
	"Friday": "FR", "Saturday": "SA", "Sunday": "SU"}

// schedule reads the event's eventSchedule; nil when it has none.
func (n node) schedule() *schedule {
	m, ok := first(asList(n["eventSchedule"])...).(map[string]any)
	if !ok {
		return nil
	}
	sn := node(m)
	sc := &schedule{zone: sn.text("scheduleTimezone")}
	if day := sn.text("startDate"); day != "" {
		sc.start = strings.TrimSpace(day + "T" + sn.text("startTime"))
		sc.start = strings.TrimSuffix(sc.start, "T")
		if t := sn.text("endTime"); t != "" {
			sc.end = day + "T" + t
		}
	}
	sc.rrule = sn.rrule()
	return sc
}

// rrule writes the schedule's repetition: frequency and interval, days, month days, months,
// the last date and the count.
func (n node) rrule() string {
	freq, interval := frequency(n.text("repeatFrequency"))
	if freq == "" {
		return ""
	}
	parts := []string{"FREQ=" + freq}
	if interval > 1 {
		parts = append(parts, fmt.Sprintf("INTERVAL=%d", interval))
	}
	if days := n.byDay(); days != "" {
		parts = append(parts, "BYDAY="+days)
	}
	for _, by := range [][2]string{{"byMonthDay", "BYMONTHDAY"}, {"byMonth", "BYMONTH"}} {
		if list := n.numbers(by[0]); list != "" {
			parts = append(parts, by[1]+"="+list)
		}
	}
	if until := strings.ReplaceAll(n.text("endDate"), "-", ""); until != "" {
		if n.text("startTime") != "" {
			until += "T235959Z" // RFC 5545: UNTIL is a date-time when the start is one
		}
		parts = append(parts, "UNTIL="+until)
	}
	if count := n.text("repeatCount"); count != "" {
		parts = append(parts, "COUNT="+count)
	}
	return strings.Join(parts, ";")
}

// frequency reads "P1W", "P2D" or "weekly" as an RRULE frequency and interval.
func frequency(v string) (string, int) {
	if f, ok := frequencies[strings.ToLower(v)]; ok {
		return f, 1
	}
	var n int
	var unit string
	if _, err := fmt.Sscanf(strings.ToUpper(v), "P%d%s", &n, &unit); err != nil || n < 1 || n > 1000 {
		return "", 0
	}
	return frequencies[unit], n
}

// byDay writes the schedule's days ("https://schema.org/Wednesday"), with byMonthWeek's
// ordinals when given ("1WE,3WE" for the first and third Wednesdays).
func (n node) byDay() string {
	var days []string
	for _, d := range asList(n["byDay"]) {
		if code, ok := weekdays[term(textOf(d), builtinPrefixes)]; ok {
			days = append(days, code)
		}
	}
	weeks := strings.Split(n.numbers("byMonthWeek"), ",")
	if weeks[0] == "" {
		return strings.Join(days, ",")
	}
	var out []string
	for _, w := range weeks {
		for _, d := range days {
			out = append(out, w+d)
		}
	}
	return strings.Join(out, ",")
}

// numbers writes a number or list of numbers as RRULE writes them, "1,15".
func (n node) numbers(key string) string {
	var out []string
	for _, v := range asList(n[key]) {
		if s := textOf(v); s != "" {
			out = append(out, s)
		}
	}
	return strings.Join(out, ",")
}
