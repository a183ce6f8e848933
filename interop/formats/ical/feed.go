package ical

import (
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
)

// ProdID names Maillage as the producer of its feeds.
const ProdID = "-//Maillage//Maillage agenda//FR"

// Feed is an iCalendar feed to write: its name, where it is published, the licence and
// attribution of its data, and its events, streamed.
type Feed struct {
	Name, Description string
	// URL is the feed's own address (URL and SOURCE), so that a copy says where it comes from.
	URL string
	// Licence and Attribution are written in the calendar's description and in every event's
	// COMMENT, so that an event copied alone keeps them.
	Licence, Attribution string
	// Generated is when the feed was made: the DTSTAMP of events without LastModified, and the
	// last year the VTIMEZONEs spell out (their rules go on after it). Zero means now.
	Generated time.Time
	// Refresh, when set, asks subscribers to fetch the feed again that often.
	Refresh time.Duration
	// TimeZones are written before the events (fields.DefaultZone always is); a zone an event
	// uses that is not listed is written after the events.
	TimeZones []string
	// Events are written in the order they come; an error stops the feed there.
	Events iter.Seq2[Event, error]
}

// Event is one agenda entry of a feed. Times are instants; a recurring event is written as its
// first occurrence with its RRULE, RDATEs and EXDATEs, never expanded.
type Event struct {
	UID, Summary, Description string
	Start, End                time.Time
	// AllDay events are written as dates (End is the day after the last), in TimeZone.
	AllDay bool
	// TimeZone is the IANA zone of the event's local times; "" writes UTC times.
	TimeZone        string
	RRule           string
	RDates, ExDates []time.Time
	// Location is the place as text; Geo its point, when known.
	Location     string
	Geo          *interop.Point
	URL          string
	Categories   []string
	LastModified time.Time
}

// Events streams a slice of events, for feeds built in memory.
func Events(events []Event) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		for _, ev := range events {
			if !yield(ev, nil) {
				return
			}
		}
	}
}

// WriteFeed writes feed as one VCALENDAR (RFC 5545, lines folded at 75 octets), with a
// VTIMEZONE for every zone its events use, streaming its events as they come.
func WriteFeed(w io.Writer, feed Feed) error {
	if feed.Generated.IsZero() {
		feed.Generated = time.Now()
	}
	out := &foldWriter{w: w}
	if err := writeHeader(out, feed); err != nil {
		return err
	}
	fw := &feedWriter{out: out, feed: feed, written: map[string]bool{}}
	for _, zone := range append([]string{fields.ZoneName(fields.DefaultZone)}, feed.TimeZones...) {
		if err := fw.zone(zone); err != nil {
			return err
		}
	}
	late, err := fw.events()
	if err != nil {
		return err
	}
	for _, zone := range late {
		if err := fw.zone(zone); err != nil {
			return err
		}
	}
	_, err = io.WriteString(out, "END:VCALENDAR\r\n")
	return err
}

// feedWriter writes one feed's components, remembering the zones already written.
type feedWriter struct {
	out     io.Writer
	feed    Feed
	written map[string]bool
}

// events writes every event and returns the zones they used that are not written yet.
func (fw *feedWriter) events() ([]string, error) {
	var late []string
	for ev, err := range fw.feed.Events {
		if err != nil {
			return nil, fmt.Errorf("feed events: %w", err)
		}
		if ev.TimeZone != "" && !fw.written[ev.TimeZone] && !slices.Contains(late, ev.TimeZone) {
			late = append(late, ev.TimeZone)
		}
		if err := fw.encode(vevent(ev, fw.feed)); err != nil {
			return nil, fmt.Errorf("event %s: %w", ev.UID, err)
		}
	}
	return late, nil
}

// zone writes the VTIMEZONE of an IANA zone once; UTC and unknown names need none.
func (fw *feedWriter) zone(name string) error {
	if fw.written[name] || name == "" || name == "UTC" {
		return nil
	}
	fw.written[name] = true
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil
	}
	return fw.encode(vtimezone(loc, fw.feed.Generated.Year()+1))
}

// encode writes one component with go-ical's encoder, which checks its required properties.
func (fw *feedWriter) encode(c *goical.Component) error {
	return goical.NewEncoder(fw.out).Encode(&goical.Calendar{Component: c})
}

// writeHeader writes the VCALENDAR's opening and its properties.
func writeHeader(w io.Writer, feed Feed) error {
	lines := []string{"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + ProdID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"}
	if feed.Name != "" {
		lines = append(lines, "NAME:"+escape(feed.Name), "X-WR-CALNAME:"+escape(feed.Name))
	}
	if desc := describe(feed); desc != "" {
		lines = append(lines, "DESCRIPTION:"+escape(desc), "X-WR-CALDESC:"+escape(desc))
	}
	if feed.URL != "" {
		lines = append(lines, "URL;VALUE=URI:"+oneLine(feed.URL), "SOURCE;VALUE=URI:"+oneLine(feed.URL))
	}
	lines = append(lines, "X-WR-TIMEZONE:"+fields.ZoneName(fields.DefaultZone))
	if feed.Refresh > 0 {
		d := fmt.Sprintf("PT%dS", int(feed.Refresh.Seconds()))
		lines = append(lines, "REFRESH-INTERVAL;VALUE=DURATION:"+d, "X-PUBLISHED-TTL:"+d)
	}
	_, err := io.WriteString(w, strings.Join(lines, "\r\n")+"\r\n")
	return err
}

// describe joins the feed's description, licence and attribution in one text.
func describe(feed Feed) string {
	var parts []string
	for _, s := range []string{feed.Description, credit(feed)} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n")
}

// credit is the licence and attribution line every event carries.
func credit(feed Feed) string {
	var parts []string
	if feed.Attribution != "" {
		parts = append(parts, "Source : "+feed.Attribution)
	}
	if feed.Licence != "" {
		parts = append(parts, "Licence : "+feed.Licence)
	}
	return strings.Join(parts, " — ")
}

// escape writes a TEXT value (go-ical's escaping), without carriage returns.
func escape(s string) string {
	p := goical.NewProp("X")
	p.SetText(strings.ReplaceAll(s, "\r", ""))
	return p.Value
}

// oneLine keeps a URI on one line.
func oneLine(s string) string {
	return strings.NewReplacer("\r", "", "\n", "").Replace(strings.TrimSpace(s))
}
