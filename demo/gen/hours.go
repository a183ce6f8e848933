package main

import (
	"regexp"
	"strings"
)

// The France services file gives one free-text column per day ("09:00 - 12:00 / 13:30 - 17:00").
var fsDays = []struct{ column, osm string }{
	{"h_lundi", "Mo"}, {"h_mardi", "Tu"}, {"h_mercredi", "We"},
	{"h_jeudi", "Th"}, {"h_vendredi", "Fr"}, {"h_samedi", "Sa"},
}

var fsInterval = regexp.MustCompile(`^(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$`)

// weekHours converts the France services day columns to OSM opening_hours syntax, the format
// of the CNFS file, grouping consecutive days with the same hours: "Mo-Fr 09:00-12:00,13:30-17:00".
// A day whose text does not parse is left out rather than guessed.
func weekHours(get func(string) string) string {
	var rules []string
	first, last, current := "", "", ""
	flush := func() {
		if current == "" {
			return
		}
		days := first
		if last != first {
			days += "-" + last
		}
		rules = append(rules, days+" "+current)
	}
	for _, d := range fsDays {
		h := dayHours(get(d.column))
		if h != current || h == "" {
			flush()
			first, current = d.osm, h
		}
		last = d.osm
	}
	flush()
	return strings.Join(rules, "; ")
}

// dayHours converts "09:00 - 12:00 / 13:30 - 17:00" to "09:00-12:00,13:30-17:00", "" if invalid.
func dayHours(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	var spans []string
	for _, part := range strings.Split(s, "/") {
		m := fsInterval.FindStringSubmatch(strings.TrimSpace(part))
		if m == nil {
			return ""
		}
		spans = append(spans, m[1]+"-"+m[2])
	}
	return strings.Join(spans, ",")
}
