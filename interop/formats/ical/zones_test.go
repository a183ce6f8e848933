package ical

import (
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/interop/formats/fields"
)

// vtimezoneOf reads the first VTIMEZONE of a fixture.
func vtimezoneOf(t *testing.T, path string) *component {
	t.Helper()
	c := firstVTimezone(read(string(readFixture(t, path))))
	if c == nil {
		t.Fatalf("%s: no VTIMEZONE", path)
	}
	return c
}

// TestCustomZoneMatchesTZ computes offsets from VTIMEZONE rules alone (as for a zone known only
// by its VTIMEZONE) and compares them with the tz database, every 6 hours and around every
// change, over the years the VTIMEZONE covers.
func TestCustomZoneMatchesTZ(t *testing.T) {
	// The files other than -pure give today's rules only, from 1970: they hold since 1996 in
	// Europe and 2007 in the United States. The -pure file has Paris's whole history.
	for _, c := range []struct {
		path, zone string
		from       int
	}{
		{"testdata/libical/zoneinfo/Europe_Paris.ics", "Europe/Paris", 1996},
		{"testdata/libical/zoneinfo/Europe_Paris-pure.ics", "Europe/Paris", 1892},
		{"testdata/kewisch-ical.js/samples/timezones/America/New_York.ics", "America/New_York", 2007},
		{"testdata/kewisch-ical.js/samples/timezones/America/Los_Angeles.ics", "America/Los_Angeles", 2007},
		{"testdata/kewisch-ical.js/samples/timezones/America/Denver.ics", "America/Denver", 2007},
		{"testdata/kewisch-ical.js/samples/timezones/America/Atikokan.ics", "America/Atikokan", 1970},
	} {
		t.Run(c.path, func(t *testing.T) {
			z, ok := newCustomZone(vtimezoneOf(t, c.path))
			if !ok {
				t.Fatal("got no zone from the VTIMEZONE")
			}
			loc, _ := time.LoadLocation(c.zone)
			from := time.Date(c.from, 1, 1, 0, 0, 0, 0, time.UTC)
			if mismatch := compareOffsets(z, loc, from, time.Date(2037, 1, 1, 0, 0, 0, 0, time.UTC)); mismatch != "" {
				t.Error(mismatch)
			}
		})
	}
}

func compareOffsets(z *customZone, loc *time.Location, from, to time.Time) string {
	for u := from; u.Before(to); u = u.Add(6 * time.Hour) {
		if _, want := u.In(loc).Zone(); z.offsetAt(u.Unix()) != want {
			return "at " + u.Format(time.RFC3339) + ": offsets differ"
		}
	}
	return ""
}

// TestCustomZoneNegativeControl shows the comparison catches a wrong rule: a Paris VTIMEZONE
// whose summer time ends on the first Sunday of October instead of the last.
func TestCustomZoneNegativeControl(t *testing.T) {
	text := string(readFixture(t, "testdata/libical/zoneinfo/Europe_Paris.ics"))
	text = strings.ReplaceAll(text, "BYMONTH=10;BYDAY=-1SU", "BYMONTH=10;BYDAY=1SU")
	z, ok := newCustomZone(firstVTimezone(read(text)))
	loc, _ := time.LoadLocation("Europe/Paris")
	if !ok || compareOffsets(z, loc, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)) == "" {
		t.Fatal("a wrong October rule went unnoticed")
	}
}

func firstVTimezone(roots []*component) *component {
	for _, r := range roots {
		for _, c := range append([]*component{r}, r.children...) {
			if c.name == "VTIMEZONE" {
				return c
			}
		}
	}
	return nil
}

// TestMakebelieveRDATEs reads ical.js's invented zone made of RDATEs only (local, DATE and
// UTC forms): its offsets alternate at each RDATE.
func TestMakebelieveRDATEs(t *testing.T) {
	z, ok := newCustomZone(vtimezoneOf(t, "testdata/kewisch-ical.js/samples/timezones/Makebelieve/RDATE_test.ics"))
	if !ok {
		t.Fatal("got no zone")
	}
	for year, want := range map[int]int{1972: -5, 1977: -4, 1982: -5, 1987: -4, 1992: -5, 1997: -4} {
		u := time.Date(year, 6, 1, 0, 0, 0, 0, time.UTC).Unix()
		if got := z.offsetAt(u) / 3600; got != want {
			t.Errorf("%d: got UTC%+d, want UTC%+d", year, got, want)
		}
	}
}

// TestZoneNames resolves the TZID forms producers write.
func TestZoneNames(t *testing.T) {
	for tzid, want := range map[string]string{
		"Europe/Paris":                                          "Europe/Paris",
		"Romance Standard Time":                                 "Europe/Paris",
		"W. Europe Standard Time":                               "Europe/Berlin",
		"/mozilla.org/20050126_1/Europe/Paris":                  "Europe/Paris",
		"/citadel.org/20260108_1/Europe/Paris":                  "Europe/Paris",
		"/softwarestudio.org/Olson_20011030_5/America/New_York": "America/New_York",
		"\"Europe/Paris\"":                                      "Europe/Paris",
	} {
		z, ok := newZones(nil).resolve(tzid)
		if !ok || z.name != want {
			t.Errorf("%s: got %q (%v), want %s", tzid, z.name, ok, want)
		}
	}
	if _, ok := newZones(nil).resolve("Nowhere/Middle"); ok {
		t.Error("Nowhere/Middle without a VTIMEZONE: got a zone, want none")
	}
}

// TestDecodeZones checks instants and zones from each form of TZID, floating times, the default
// zone's setting, summer time, and a TZID with neither a known name nor a VTIMEZONE.
func TestDecodeZones(t *testing.T) {
	event := func(dtstart string) string {
		return "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Bal\r\n" + dtstart + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	}
	for _, c := range []struct{ dtstart, start, zone string }{
		{"DTSTART;TZID=Romance Standard Time:20250714T210000", "2025-07-14T19:00:00Z", "Europe/Paris"},
		{"DTSTART;TZID=\"W. Europe Standard Time\":20250114T210000", "2025-01-14T20:00:00Z", "Europe/Berlin"},
		{"DTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20251026T023000", "2025-10-26T00:30:00Z", "Europe/Paris"}, // ambiguous: first
		{"DTSTART:20250714T210000", "2025-07-14T19:00:00Z", "Europe/Paris"},                                           // floating: default zone
		{"DTSTART:20250714T210000Z", "2025-07-14T21:00:00Z", ""},
		{"DTSTART;VALUE=DATE:20250714", "2025-07-13T22:00:00Z", "Europe/Paris"},
	} {
		got := decodeString(t, event(c.dtstart))
		if len(got.Items) != 1 {
			t.Errorf("%s: got %v, want one event", c.dtstart, got.Problems)
			continue
		}
		wantTime(t, c.dtstart, got.Items[0].Event.Start, c.start)
		if got.Items[0].Event.TimeZone != c.zone {
			t.Errorf("%s: got zone %q, want %q", c.dtstart, got.Items[0].Event.TimeZone, c.zone)
		}
	}
	got := decodeString(t, event("DTSTART;TZID=Nowhere/Middle:20250714T210000"))
	if len(got.Items) != 0 || len(got.Problems) != 1 || got.Problems[0].Code != CodeUnknownZone {
		t.Errorf("unknown zone: got %d items and %v, want %s", len(got.Items), got.Problems, CodeUnknownZone)
	}
	defer func(z string) { fields.DefaultZone = z }(fields.DefaultZone)
	fields.DefaultZone = "America/New_York"
	got = decodeString(t, event("DTSTART:20250714T210000"))
	wantTime(t, "floating in New York", got.Items[0].Event.Start, "2025-07-15T01:00:00Z")
}

// TestDecodeVTimezoneOnly reads an event whose zone is defined only by its VTIMEZONE (libical's
// Europe/Paris renamed, without X-LIC-LOCATION): its instants come from the VTIMEZONE's rules
// and it recurs as Europe/Paris, its equivalent, across summer time.
func TestDecodeVTimezoneOnly(t *testing.T) {
	vtz := string(readFixture(t, "testdata/libical/zoneinfo/Europe_Paris.ics"))
	vtz = strings.ReplaceAll(vtz, "/citadel.org/20260108_1/Europe/Paris", "Maillage-Custom")
	vtz = strings.ReplaceAll(vtz, "X-LIC-LOCATION", "X-NOTHING")
	vtz = strings.Replace(vtz, "END:VCALENDAR", "BEGIN:VEVENT\r\nUID:v\r\nSUMMARY:Marché\r\n"+
		"DTSTART;TZID=Maillage-Custom:20260301T100000\r\nRRULE:FREQ=WEEKLY;COUNT=6\r\nEND:VEVENT\r\nEND:VCALENDAR", 1)
	got := decodeString(t, vtz)
	if len(got.Items) != 1 {
		t.Fatalf("got %v, want one event", got.Problems)
	}
	ev := got.Items[0].Event
	wantTime(t, "start", ev.Start, "2026-03-01T09:00:00Z")
	if ev.TimeZone != "Europe/Paris" {
		t.Fatalf("got zone %q, want the equivalent Europe/Paris", ev.TimeZone)
	}
	starts := Expand(*ev, ev.Start, ev.Start.AddDate(1, 0, 0))
	if len(starts) != 6 || starts[5].Format(time.RFC3339) != "2026-04-05T08:00:00Z" {
		t.Errorf("got %v, want 6 Sundays at 10:00 Paris time (08:00Z after the change)", starts)
	}
}
