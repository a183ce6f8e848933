package ical

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
	s "github.com/maillage/maillage/schema"
)

func decodeFile(t *testing.T, path string) interop.Decoded {
	t.Helper()
	got, err := Decode(bytes.NewReader(readFixture(t, path)), s.Events)
	if err != nil {
		t.Fatalf("%s: got error %v, want events", path, err)
	}
	return got
}

func decodeString(t *testing.T, ics string) interop.Decoded {
	t.Helper()
	got, err := Decode(strings.NewReader(ics), s.Events)
	if err != nil {
		t.Fatalf("got error %v, want events", err)
	}
	return got
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func wantTime(t *testing.T, what string, got time.Time, want string) {
	t.Helper()
	if !got.Equal(utc(want)) {
		t.Errorf("%s: got %s, want %s", what, got.UTC().Format(time.RFC3339), want)
	}
}

// TestDecodeGoogleEvent reads a Google Calendar export: fields, zone, UID.
func TestDecodeGoogleEvent(t *testing.T) {
	got := decodeFile(t, "testdata/kewisch-ical.js/samples/minimal.ics")
	if len(got.Items) != 1 || len(got.Problems) != 0 {
		t.Fatalf("got %d items and %v, want 1 item", len(got.Items), got.Problems)
	}
	it := got.Items[0]
	if it.ExternalID != "dn4vrfmfn5p05roahsopg57h48@google.com" || it.Name != "Really long event name thing" {
		t.Errorf("got id %q name %q", it.ExternalID, it.Name)
	}
	ev := it.Event
	wantTime(t, "start", ev.Start, "2012-06-30T13:00:00Z") // 06:00 in Los Angeles, summer time
	wantTime(t, "end", ev.End, "2012-06-30T14:00:00Z")
	if ev.TimeZone != "America/Los_Angeles" || ev.AllDay || it.Geo != nil || ev.Place != "" {
		t.Errorf("got zone %q allDay %v geo %v place %q", ev.TimeZone, ev.AllDay, it.Geo, ev.Place)
	}
}

// TestDecodeDates covers DURATION, a lone DTSTART (date and time) and the default zone.
func TestDecodeDates(t *testing.T) {
	dur := decodeFile(t, "testdata/kewisch-ical.js/samples/duration_instead_of_dtend.ics").Items[0].Event
	if d := dur.End.Sub(dur.Start); d <= 0 {
		t.Errorf("DURATION: got end %s before start %s", dur.End, dur.Start)
	}
	day := decodeFile(t, "testdata/kewisch-ical.js/samples/only_dtstart_date.ics").Items[0].Event
	if !day.AllDay || day.TimeZone != "Europe/Paris" || day.End.Sub(day.Start) != 24*time.Hour {
		t.Errorf("lone DATE: got allDay %v zone %q length %s, want a whole day in Europe/Paris", day.AllDay, day.TimeZone, day.End.Sub(day.Start))
	}
	if h := day.Start.In(fields.Location("Europe/Paris")).Hour(); h != 0 {
		t.Errorf("lone DATE: got start at %d h in Paris, want midnight", h)
	}
	tm := decodeFile(t, "testdata/kewisch-ical.js/samples/only_dtstart_time.ics").Items[0].Event
	if !tm.End.Equal(tm.Start) || tm.AllDay {
		t.Errorf("lone DATE-TIME: got %s–%s allDay %v, want no duration", tm.Start, tm.End, tm.AllDay)
	}
}

// TestDecodeRecurrence covers RRULE, RDATE (also as a PERIOD), EXDATE and overrides: each
// override is its own item and removes its instance from the master.
func TestDecodeRecurrence(t *testing.T) {
	got := decodeFile(t, "testdata/kewisch-ical.js/samples/recur_instances.ics")
	if len(got.Items) != 3 {
		t.Fatalf("got %d items, want the master and 2 overrides", len(got.Items))
	}
	master := got.Items[0]
	uid := "623c13c0-6c2b-45d6-a12b-c33ad61c4868"
	if master.ExternalID != uid || master.Event.RRule != "FREQ=MONTHLY;INTERVAL=1;BYDAY=1TU" {
		t.Errorf("master: got id %q rule %q", master.ExternalID, master.Event.RRule)
	}
	if len(master.Event.RDates) != 5 || len(master.Event.ExDates) != 5 { // 3 EXDATEs + 2 overrides
		t.Errorf("master: got %d RDATEs and %d EXDATEs, want 5 and 5", len(master.Event.RDates), len(master.Event.ExDates))
	}
	over := got.Items[1]
	if over.ExternalID != uid+"#20121002T170000Z" || over.Description != "I HAZ CHANGED!" || over.Address != "PLACE" {
		t.Errorf("override: got id %q description %q place %q (inherited)", over.ExternalID, over.Description, over.Address)
	}
	starts := Expand(*master.Event, utc("2012-10-01T00:00:00Z"), utc("2012-10-31T00:00:00Z"))
	if len(starts) != 0 {
		t.Errorf("October 2012: got %v, want no generated instance (the override replaces it)", starts)
	}
}

// TestDecodeExdateAsDate: an EXDATE;VALUE=DATE of a timed event removes that day's occurrence.
func TestDecodeExdateAsDate(t *testing.T) {
	ev := decodeFile(t, "testdata/kewisch-ical.js/samples/rdate_exdate.ics").Items[0].Event
	got := Expand(*ev, ev.Start, ev.Start.AddDate(1, 0, 0))
	for _, t2 := range got {
		if t2.Format("20060102") == "20240611" {
			t.Errorf("got an occurrence on 2024-06-11 (%v), want it removed", got)
		}
	}
}

// TestDecodeGoogleBirthday: all-day overrides of a yearly event, and RDATEs written with a Z.
func TestDecodeGoogleBirthday(t *testing.T) {
	got := decodeFile(t, "testdata/kewisch-ical.js/samples/google_birthday.ics")
	var overrides int
	for _, it := range got.Items {
		if !it.Event.AllDay {
			t.Errorf("%s: got a timed event, want all day", it.Label)
		}
		if strings.Contains(it.ExternalID, "#") {
			overrides++
		}
	}
	if overrides != 3 || len(got.Problems) != 0 {
		t.Errorf("got %d overrides and problems %v, want 3 and none", overrides, got.Problems)
	}
}

// TestDecodeSeveralRules keeps the first RRULE and turns a finite second one into RDATEs.
func TestDecodeSeveralRules(t *testing.T) {
	ev := decodeFile(t, "testdata/kewisch-ical.js/samples/multiple_rrules.ics").Items[0].Event
	if ev.RRule != "FREQ=WEEKLY;UNTIL=20120730T065959Z" || len(ev.RDates) == 0 {
		t.Errorf("got rule %q and %d RDATEs, want the weekly rule and the monthly one's dates", ev.RRule, len(ev.RDates))
	}
	got := decodeString(t, "BEGIN:VEVENT\nUID:x\nSUMMARY:x\nDTSTART:20240101T100000Z\nRRULE:FREQ=DAILY\nRRULE:FREQ=WEEKLY\nEND:VEVENT\n")
	if len(got.Items) != 0 || len(got.Problems) != 1 || got.Problems[0].Code != CodeSeveralRules {
		t.Errorf("two endless rules: got %d items and %v, want %s", len(got.Items), got.Problems, CodeSeveralRules)
	}
}

// TestDecodeRFC2445 reads libical's RFC 2445 examples: TZIDs resolve within their own
// VCALENDAR (the file defines US-Eastern three ways), private events are refused.
func TestDecodeRFC2445(t *testing.T) {
	got := decodeFile(t, "testdata/libical/test-data/2445.ics")
	var review *interop.Item
	for i, it := range got.Items {
		if it.ExternalID == "guid-1.host1.com" {
			review = &got.Items[i]
		}
	}
	if review == nil {
		t.Fatalf("got %d items without guid-1.host1.com", len(got.Items))
	}
	// Its calendar's US-Eastern has only 1998-10-25 and 1999-04-04 changes: before them, -04:00;
	// no IANA zone has that offset in March 1998, so the event keeps UTC instants.
	wantTime(t, "start", review.Event.Start, "1998-03-12T12:30:00Z")
	if review.Event.TimeZone != "" || review.Address != "1CP Conference Room 4350" || !slices.Equal(review.Categories, []string{"MEETING"}) {
		t.Errorf("got zone %q place %q categories %v", review.Event.TimeZone, review.Address, review.Categories)
	}
	var private int
	for _, p := range got.Problems {
		if p.Code == CodeNotPublic {
			private++
		}
	}
	if private != 2 {
		t.Errorf("got %d private events refused, want 2 (CLASS:PRIVATE and CONFIDENTIAL)", private)
	}
}

// TestDecodeRecurTxt expands every event of libical's recur.txt and compares its number of
// instances with its X-EXPECT-NUMEVENTS.
func TestDecodeRecurTxt(t *testing.T) {
	const wantMatches = 55 // the 2 others use EXRULE, which RFC 5545 removed and Maillage ignores
	data := readFixture(t, "testdata/libical/test-data/recur.txt")
	got := decodeFile(t, "testdata/libical/test-data/recur.txt")
	events := vevents(read(string(data)))
	if len(got.Items) != len(events) || len(events) != 57 {
		t.Fatalf("got %d items of %d VEVENTs, want 57", len(got.Items), len(events))
	}
	matches := 0
	for i, it := range got.Items {
		want := strings.TrimSpace(valueOf(events[i].c, "X-EXPECT-NUMEVENTS"))
		n := len(Expand(*it.Event, time.Time{}, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)))
		if strconv.Itoa(n) == want {
			matches++
		} else {
			t.Logf("%s: got %d instances, want %s", strings.TrimSpace(textOf(events[i].c, "DESCRIPTION")), n, want)
		}
	}
	if matches < wantMatches {
		t.Errorf("got %d events with the expected count, want %d", matches, wantMatches)
	}
}

// TestDecodeWrongCollection refuses an agenda imported into initiatives.
func TestDecodeWrongCollection(t *testing.T) {
	_, err := Decode(strings.NewReader("BEGIN:VCALENDAR\nEND:VCALENDAR\n"), s.Initiatives)
	if err == nil || !strings.Contains(err.Error(), "events") {
		t.Errorf("got %v, want a refusal naming events", err)
	}
	if !i18n.Has(CodeEventsOnly) {
		t.Errorf("message %s missing from the catalogue", CodeEventsOnly)
	}
}
