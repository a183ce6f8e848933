package export_test

import (
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/maillage/maillage/interop/export"
	"github.com/maillage/maillage/interop/formats/ical"
	s "github.com/maillage/maillage/schema"
)

// feedUIDs reads an iCalendar feed with the project's reader and returns its events' UIDs
// without their host, sorted.
func feedUIDs(t *testing.T, body string) []string {
	t.Helper()
	got, err := ical.Decode(strings.NewReader(body), s.Events)
	if err != nil {
		t.Fatalf("read feed: %v\n%s", err, body)
	}
	ids := []string{}
	for _, it := range got.Items {
		id, _, _ := strings.Cut(it.ExternalID, "@")
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// TestICSFeed: the events feed holds the public events with their zone's VTIMEZONE, a
// recurring event once with its RRULE (not expanded), the licence in its description; the
// category, commune and organisation filters narrow it; other collections have no feed.
func TestICSFeed(t *testing.T) {
	w := newWorld(t, export.Config{})
	a := w.ok(t, "/api/maillage/export/events.ics")
	if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		t.Errorf("content type %q", ct)
	}
	for _, want := range []string{"BEGIN:VTIMEZONE", "TZID:Europe/Paris", "X-WR-CALDESC:", "ODbL-1.0", "Contributeurs de Maillage"} {
		if !strings.Contains(a.body, want) {
			t.Errorf("feed lacks %q:\n%s", want, a.body)
		}
	}
	if n := strings.Count(a.body, "RRULE:FREQ=WEEKLY;BYDAY=SA"); n != 1 {
		t.Errorf("the weekly event's RRULE appears %d times, want once (never expanded)", n)
	}
	cases := map[string][]string{
		"":                             sortedIDs(w.event.Id, w.other.Id),
		"?category=velo":               {w.event.Id},
		"?commune=93001":               {w.other.Id},
		"?organisation=" + w.org.Id:    {w.event.Id},
		"?category=velo&commune=93001": {},
		"?category=amap&commune=93001": {w.other.Id},
	}
	for q, want := range cases {
		if got := feedUIDs(t, w.ok(t, "/api/maillage/export/events.ics"+q).body); !equal(got, want) {
			t.Errorf("events.ics%s: got %v, want %v", q, got, want)
		}
	}
	if got := w.get(t, "/api/maillage/export/offers.ics", nil); got.status != http.StatusNotFound ||
		!strings.Contains(got.body, "export_ics_events_only") {
		t.Errorf("offers.ics: %d %s", got.status, got.body)
	}
}
