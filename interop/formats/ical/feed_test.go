package ical

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/maillage/maillage/interop"
	s "github.com/maillage/maillage/schema"
)

var update = flag.Bool("update", false, "rewrite test/interop/testdata/ical-feed.* from sampleFeed")

// The feed the node test reads with ical.js, an independent parser, and what it must find.
const (
	goldenFeed     = "../../../test/interop/testdata/ical-feed.ics"
	goldenExpected = "../../../test/interop/testdata/ical-feed.expected.json"
)

func paris(y int, m time.Month, d, h, min int) time.Time {
	loc, _ := time.LoadLocation("Europe/Paris")
	return time.Date(y, m, d, h, min, 0, 0, loc).UTC()
}

// sampleFeed covers what a feed carries: a weekly event across the change to summer time with
// an EXDATE and an RDATE, an all-day event, a UTC event with a point, a long UTF-8 text with
// escapes, and a zone not declared up front (written after the events).
func sampleFeed() Feed {
	ny, _ := time.LoadLocation("America/New_York")
	return Feed{
		Name: "Agenda de Plaine Commune", Description: "Événements publics ; mis à jour chaque heure",
		URL: "https://maillage.example.org/api/export/events.ics", Licence: "ODbL 1.0",
		Attribution: "Contributeurs de Maillage", Generated: time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC),
		Refresh: time.Hour,
		Events: Events([]Event{
			{UID: "evt-weekly@maillage", Summary: "Atelier réparation, vélos", Start: paris(2026, 3, 7, 10, 0),
				End: paris(2026, 3, 7, 12, 30), TimeZone: "Europe/Paris", RRule: "FREQ=WEEKLY;COUNT=6;BYDAY=SA",
				ExDates: []time.Time{paris(2026, 3, 21, 10, 0)}, RDates: []time.Time{paris(2026, 4, 20, 10, 0)},
				Location: "Maison de quartier, 12 rue de la République, Saint-Denis", Categories: []string{"Réparation", "Vélo, mobilité"},
				LastModified: time.Date(2026, 1, 2, 9, 30, 0, 0, time.UTC)},
			{UID: "evt-day@maillage", Summary: "Fête de quartier", Description: "Toute la journée.\nApportez un plat ; venez nombreux !",
				Start: paris(2026, 6, 21, 0, 0), End: paris(2026, 6, 22, 0, 0), AllDay: true, TimeZone: "Europe/Paris"},
			{UID: "evt-utc@maillage", Summary: "Visioconférence 🌍 des collectifs", Start: time.Date(2026, 2, 10, 18, 0, 0, 0, time.UTC),
				End: time.Date(2026, 2, 10, 19, 0, 0, 0, time.UTC), URL: "https://example.org/visio?salle=collectifs&code=42",
				Geo: &interop.Point{Lon: 2.357, Lat: 48.936}, Description: strings.TrimSpace(strings.Repeat("Un texte long, accentué : éàçù — ", 8))},
			{UID: "evt-ny@maillage", Summary: "Jumelage", Start: time.Date(2026, 11, 1, 14, 0, 0, 0, ny).UTC(),
				End: time.Date(2026, 11, 1, 16, 0, 0, 0, ny).UTC(), TimeZone: "America/New_York"},
		}),
	}
}

func writeSample(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteFeed(&buf, sampleFeed()); err != nil {
		t.Fatalf("WriteFeed: %v", err)
	}
	return buf.Bytes()
}

// TestFeedRoundTrip writes the sample feed and decodes it back: the same events.
func TestFeedRoundTrip(t *testing.T) {
	if diff := roundTripDiff(writeSample(t)); diff != "" {
		t.Error(diff)
	}
}

// TestFeedRoundTripNegativeControl shows the round trip catches a lost EXDATE.
func TestFeedRoundTripNegativeControl(t *testing.T) {
	out := string(writeSample(t))
	i := strings.Index(out, "EXDATE")
	if i < 0 {
		t.Fatal("the sample feed has no EXDATE")
	}
	broken := out[:i] + "X-" + out[i:]
	if roundTripDiff([]byte(broken)) == "" {
		t.Fatal("a feed without its EXDATE went unnoticed")
	}
}

// roundTripDiff decodes a feed and compares it with sampleFeed's events.
func roundTripDiff(feed []byte) string {
	got, err := Decode(bytes.NewReader(feed), s.Events)
	if err != nil {
		return "decode: " + err.Error()
	}
	var want []Event
	for ev := range sampleFeed().Events {
		want = append(want, ev)
	}
	if len(got.Items) != len(want) || len(got.Problems) != 0 {
		return fmt.Sprintf("got %d events and problems %v, want %d events", len(got.Items), got.Problems, len(want))
	}
	for i, it := range got.Items {
		if back := eventOf(it); !reflect.DeepEqual(expectedOf(back), expectedOf(want[i])) {
			j1, _ := json.Marshal(expectedOf(back))
			j2, _ := json.Marshal(expectedOf(want[i]))
			return "event " + want[i].UID + ": got " + string(j1) + ", want " + string(j2)
		}
	}
	return ""
}

// eventOf turns a decoded item back into a feed event.
func eventOf(it interop.Item) Event {
	ev := it.Event
	return Event{UID: it.ExternalID, Summary: it.Name, Description: it.Description, Start: ev.Start, End: ev.End,
		AllDay: ev.AllDay, TimeZone: ev.TimeZone, RRule: ev.RRule, RDates: ev.RDates, ExDates: ev.ExDates,
		Location: ev.Place, Geo: it.Geo, URL: it.Website, Categories: it.Categories}
}

// expected is an event as the node test reads it with ical.js: instants in UTC, all-day
// dates as days.
type expected struct {
	UID         string    `json:"uid"`
	Summary     string    `json:"summary"`
	Description string    `json:"description"`
	Start       string    `json:"start"`
	End         string    `json:"end"`
	AllDay      bool      `json:"allDay"`
	TimeZone    string    `json:"timezone"`
	RRule       string    `json:"rrule"`
	RDates      []string  `json:"rdates"`
	ExDates     []string  `json:"exdates"`
	Location    string    `json:"location"`
	Geo         []float64 `json:"geo"`
	URL         string    `json:"url"`
	Categories  []string  `json:"categories"`
	Occurrences []string  `json:"occurrences"`
}

func expectedOf(ev Event) expected {
	loc := location(ev.TimeZone)
	instant := func(t time.Time) string {
		if ev.AllDay {
			return t.In(loc).Format("2006-01-02")
		}
		return t.UTC().Format("2006-01-02T15:04:05Z")
	}
	list := func(ts []time.Time) []string {
		out := []string{}
		for _, t := range ts {
			out = append(out, instant(t))
		}
		return out
	}
	e := expected{UID: ev.UID, Summary: ev.Summary, Description: ev.Description, Start: instant(ev.Start),
		End: instant(ev.End), AllDay: ev.AllDay, TimeZone: ev.TimeZone, RRule: ev.RRule, RDates: list(ev.RDates),
		ExDates: list(ev.ExDates), Location: ev.Location, URL: ev.URL, Categories: append([]string{}, ev.Categories...)}
	if ev.Geo != nil {
		e.Geo = []float64{ev.Geo.Lat, ev.Geo.Lon}
	}
	e.Occurrences = list(Expand(interop.Event{Start: ev.Start, AllDay: ev.AllDay, TimeZone: ev.TimeZone, RRule: ev.RRule,
		RDates: ev.RDates, ExDates: ev.ExDates}, ev.Start, ev.Start.AddDate(1, 0, 0)))
	return e
}

// TestFeedLines checks the feed's form: CRLF lines of at most 75 octets, each valid UTF-8 (no
// sequence cut by a fold), a VTIMEZONE for each zone used, recurrence written as a rule.
func TestFeedLines(t *testing.T) {
	out := string(writeSample(t))
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatal("got lines not ended by CRLF")
	}
	folded := 0
	for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > maxLine || !utf8.ValidString(line) {
			t.Errorf("got line %q: %d octets, valid UTF-8 %v", line, len(line), utf8.ValidString(line))
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	for _, want := range []string{"TZID:Europe/Paris", "TZID:America/New_York", "RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=SA",
		"X-WR-CALNAME:Agenda de Plaine Commune", "COMMENT:Source : Contributeurs de Maillage — Licence : ODbL 1.0"} {
		if !strings.Contains(strings.ReplaceAll(out, "\r\n ", ""), want) {
			t.Errorf("got no %q in the feed", want)
		}
	}
	if folded == 0 {
		t.Error("got no folded line, want the long description folded")
	}
}

// TestFeedVTimezones reads the VTIMEZONEs the feed wrote with the VTIMEZONE engine and compares
// their offsets with the tz database, from 1970 to 2037 (rules are written open-ended).
func TestFeedVTimezones(t *testing.T) {
	roots := read(string(writeSample(t)))
	zs := newZones(roots[0].children)
	for _, name := range []string{"Europe/Paris", "America/New_York"} {
		vtz := zs.defined[name]
		if vtz == nil {
			t.Fatalf("got no VTIMEZONE for %s", name)
		}
		z, ok := newCustomZone(vtz)
		loc, _ := time.LoadLocation(name)
		if !ok {
			t.Fatalf("%s: got no rules", name)
		}
		if mismatch := compareOffsets(z, loc, time.Date(1970, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2037, 1, 1, 0, 0, 0, 0, time.UTC)); mismatch != "" {
			t.Errorf("%s: %s", name, mismatch)
		}
	}
}

// TestFeedGolden keeps the feed the node test parses with ical.js equal to what WriteFeed
// writes now, and the expected JSON equal to the sample's events, so that the two cannot drift
// (go test ./interop/formats/ical -run TestFeedGolden -update rewrites both).
func TestFeedGolden(t *testing.T) {
	feed := writeSample(t)
	var want []expected
	for ev := range sampleFeed().Events {
		want = append(want, expectedOf(ev))
	}
	js, err := json.MarshalIndent(want, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	js = append(js, '\n')
	if *update {
		if err := os.WriteFile(goldenFeed, feed, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldenExpected, js, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := readFixture(t, goldenFeed); !bytes.Equal(got, feed) {
		t.Errorf("%s differs from WriteFeed's output: run with -update and commit", goldenFeed)
	}
	if got := readFixture(t, goldenExpected); !bytes.Equal(got, js) {
		t.Errorf("%s differs from the sample events: run with -update and commit", goldenExpected)
	}
}
