// Package ical reads iCalendar (RFC 5545) agendas into events and writes Maillage's public
// events as iCalendar feeds that calendar apps subscribe to.
//
// Decode is the "ics" decoder of interop/formats: each VEVENT becomes an item (UID as its
// external id), with its dates as instants, its zone, its recurrence rule kept as a rule (not
// expanded), its place as text and its GEO when given. Expand lists the occurrences of an
// event in a window, for the agenda; WriteFeed writes a feed.
//
//	got, err := ical.Decode(file, schema.Events)
//	starts := ical.Expand(*got.Items[0].Event, monday, monday.AddDate(0, 0, 7))
//	err = ical.WriteFeed(w, ical.Feed{Name: "Agenda", Events: events})
//
// Reading is lenient where producers are sloppy and strict where a wrong date would be shown:
// a file's lines are read one by one, so a broken line or VEVENT costs only itself; an event
// whose time zone cannot be known, whose rule cannot be read, or that is private, is refused
// with its reason. See docs/interop.md, section "iCalendar".
package ical

import (
	"io"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
	"github.com/maillage/maillage/interop/formats/input"
	s "github.com/maillage/maillage/schema"
)

// Codes of this package's refusals, message keys of the i18n package (i18n/messages_ical.go).
const (
	// CodeNotCalendar: the input holds no VCALENDAR and no VEVENT.
	CodeNotCalendar = "ical_not_calendar"
	// CodeEventsOnly: an iCalendar file was imported into another collection than events.
	CodeEventsOnly = "ical_events_only"
	// CodeUnknownZone: a TZID that is no IANA or Windows zone and has no VTIMEZONE.
	CodeUnknownZone = "ical_unknown_zone"
	// CodeBadRule: an RRULE that cannot be read.
	CodeBadRule = "ical_bad_rule"
	// CodeSeveralRules: a second RRULE with no end, which one rule cannot hold.
	CodeSeveralRules = "ical_several_rules"
	// CodeBadDuration: a DURATION that cannot be read.
	CodeBadDuration = "ical_bad_duration"
	// CodeNotPublic: a private or confidential event (CLASS), never published.
	CodeNotPublic = "ical_not_public"
	// CodeCancelled: a cancelled event (STATUS:CANCELLED).
	CodeCancelled = "ical_cancelled"
	// CodeBadEvent: any other reason an event could not be read.
	CodeBadEvent = "ical_bad_event"

	codeBadDate = fields.CodeBadDate
)

// decoder holds what one Decode call shares between its events.
type decoder struct {
	zones       *zones
	equivalents map[string]string
}

// Decode reads an iCalendar input into events (collection must be events). Several VCALENDARs
// in one file, and VEVENTs outside any VCALENDAR, are read too. It returns an error only when
// the input is no calendar at all.
func Decode(r io.Reader, collection string) (interop.Decoded, error) {
	if err := input.CheckCollection(collection); err != nil {
		return interop.Decoded{}, err
	}
	if collection != s.Events {
		return interop.Decoded{}, input.Refuse(CodeEventsOnly, "collection", collection)
	}
	data, err := input.ReadAll(r)
	if err != nil {
		return interop.Decoded{}, err
	}
	events := vevents(read(string(data)))
	if events == nil {
		return interop.Decoded{}, input.Refuse(CodeNotCalendar)
	}
	if err := input.CheckCount(len(events)); err != nil {
		return interop.Decoded{}, err
	}
	d := &decoder{equivalents: map[string]string{}}
	return d.decode(events), nil
}

// decode reads every VEVENT, then applies the overrides to their masters.
func (d *decoder) decode(events []scoped) interop.Decoded {
	var out interop.Decoded
	var entries []entry
	for i, ev := range events {
		d.zones = ev.zones
		e, problem := d.readEvent(ev.c, i+1)
		if problem != nil {
			out.Problems = append(out.Problems, *problem)
			continue
		}
		entries = append(entries, e)
	}
	items, problems := resolve(entries)
	out.Items = items
	out.Problems = append(out.Problems, problems...)
	return out
}

// scoped is a VEVENT with the time zones of its calendar.
type scoped struct {
	c     *component
	zones *zones
}

// vevents finds the VEVENTs of every VCALENDAR, and those outside any (which use the
// VTIMEZONEs outside any). It returns nil when the input has neither, an empty slice for
// calendars without events.
func vevents(roots []*component) []scoped {
	var out []scoped
	var bare []*component
	found := false
	for _, r := range roots {
		switch r.name {
		case "VCALENDAR":
			found = true
			out = append(out, inCalendar(r.children, newZones(r.children))...)
		case "VEVENT", "VTIMEZONE":
			found = true
			bare = append(bare, r)
		}
	}
	out = append(out, inCalendar(bare, newZones(bare))...)
	if out == nil && found {
		out = []scoped{}
	}
	return out
}

func inCalendar(cs []*component, zs *zones) []scoped {
	var out []scoped
	for _, c := range cs {
		if c.name == "VEVENT" {
			out = append(out, scoped{c: c, zones: zs})
		}
	}
	return out
}

// duration reads a DURATION value (go-ical's parser); days count as 24 hours.
func duration(v string) (time.Duration, bool) {
	p := goical.NewProp(goical.PropDuration)
	p.Value = strings.TrimSpace(v)
	d, err := p.Duration()
	return d, err == nil
}
