package fields

import (
	"strings"
	"time"
	_ "time/tzdata" // zones must resolve on servers without a zoneinfo database
)

// DefaultZone is the IANA zone of dates written without an offset: Maillage's territories are
// French first. A source's own time zone column or property overrides it.
var DefaultZone = "Europe/Paris"

// Layouts tried in order: ISO 8601 / RFC 3339 with an offset, ISO without one (local time),
// the French day-first writing, then the compact iCalendar form.
var (
	zonedLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z0700", "20060102T150405Z"}
	localLayouts = []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04",
		"02/01/2006 15:04:05", "02/01/2006 15:04", "02/01/2006 15h04", "02/01/2006 à 15:04", "02/01/2006 à 15h04", "20060102T150405"}
	dayLayouts = []string{"2006-01-02", "02/01/2006", "20060102"}
)

// Time reads a date or date-time. A date alone is an all-day date (midnight in zone); a time
// without an offset is local to zone (DefaultZone when zone is empty or unknown). It reports
// whether the value carried its own offset.
func Time(s, zone string) (t time.Time, allDay, zoned bool, ok bool) {
	s = strings.TrimSpace(s)
	loc := Location(zone)
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), false, true, true
		}
	}
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t.UTC(), false, false, true
		}
	}
	for _, l := range dayLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t.UTC(), true, false, true
		}
	}
	return time.Time{}, false, false, false
}

// Location returns the IANA zone named zone, or DefaultZone's when zone is empty or unknown.
func Location(zone string) *time.Location {
	if zone != "" {
		if loc, err := time.LoadLocation(zone); err == nil {
			return loc
		}
	}
	if loc, err := time.LoadLocation(DefaultZone); err == nil {
		return loc
	}
	return time.UTC
}

// ZoneName returns zone when it names an IANA zone, else DefaultZone.
func ZoneName(zone string) string {
	if zone != "" {
		if _, err := time.LoadLocation(zone); err == nil {
			return zone
		}
	}
	return DefaultZone
}
