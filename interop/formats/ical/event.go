package ical

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
)

// entry is one VEVENT read, with what the override pass needs besides its item.
type entry struct {
	item      interop.Item
	uid       string
	rid       *moment // RECURRENCE-ID: this VEVENT replaces one instance of its master
	sequence  int
	cancelled bool
}

// readEvent reads VEVENT number n (from 1) into an entry, or refuses it with a problem.
func (d *decoder) readEvent(c *component, n int) (entry, *interop.Problem) {
	it := interop.Item{Name: textOf(c, "SUMMARY"), Description: textOf(c, "DESCRIPTION"),
		Address: textOf(c, "LOCATION"), Website: strings.TrimSpace(valueOf(c, "URL"))}
	it.Label = fields.Label(fmt.Sprintf("VEVENT %d", n), it.Name)
	e := entry{uid: strings.TrimSpace(valueOf(c, "UID")), sequence: sequenceOf(c)}
	e.cancelled = strings.EqualFold(strings.TrimSpace(valueOf(c, "STATUS")), "CANCELLED")
	if class := strings.ToUpper(strings.TrimSpace(valueOf(c, "CLASS"))); class == "PRIVATE" || class == "CONFIDENTIAL" {
		return e, problemOf(it.Label, refuse(CodeNotPublic, "class", class))
	}
	ev, err := d.event(c)
	if err != nil {
		return e, problemOf(it.Label, err)
	}
	ev.Place, ev.Organiser = it.Address, organiser(c.get("ORGANIZER"))
	it.Event, it.Geo, it.Categories = ev, geoOf(c.get("GEO")), categoriesOf(c)
	if rid := c.get("RECURRENCE-ID"); rid != nil {
		m, err := d.moment(*rid, rid.value)
		if err != nil {
			return e, problemOf(it.Label, err)
		}
		e.rid = &m
	}
	it.ExternalID = e.uid
	if it.ExternalID == "" {
		it.ExternalID = fields.Identity(it)
	}
	e.item = it
	return e, nil
}

// event reads the dates and recurrence of a VEVENT.
func (d *decoder) event(c *component) (*interop.Event, error) {
	startProp := c.get("DTSTART")
	if startProp == nil {
		return nil, refuse(fields.CodeEventWithoutStart)
	}
	start, err := d.moment(*startProp, startProp.value)
	if err != nil {
		return nil, err
	}
	ev := &interop.Event{Start: start.at, AllDay: start.allDay, TimeZone: d.zoneName(start)}
	if ev.End, err = d.end(c, start); err != nil {
		return nil, err
	}
	if err := d.recurrence(c, start, ev); err != nil {
		return nil, err
	}
	return ev, nil
}

// end reads DTEND, or DTSTART + DURATION; without either an event lasts its day when all-day,
// no time otherwise (RFC 5545 §3.6.1). An end before the start is refused.
func (d *decoder) end(c *component, start moment) (time.Time, error) {
	end := start.at
	if start.allDay {
		end = dayAfter(start, 1)
	}
	if p := c.get("DTEND"); p != nil {
		m, err := d.moment(*p, p.value)
		if err != nil {
			return time.Time{}, err
		}
		end = m.at
	} else if p := c.get("DURATION"); p != nil {
		dur, ok := duration(p.value)
		if !ok {
			return time.Time{}, refuse(CodeBadDuration, "value", p.value)
		}
		end = start.at.Add(dur)
		if start.allDay && dur%(24*time.Hour) == 0 {
			end = dayAfter(start, int(dur/(24*time.Hour)))
		}
	}
	if start.allDay && !end.After(start.at) {
		end = dayAfter(start, 1) // some producers repeat the start date as the end
	}
	if end.Before(start.at) {
		return time.Time{}, refuse(fields.CodeEventEndBeforeStart, "start", start.at.Format(time.RFC3339), "end", end.Format(time.RFC3339))
	}
	return end, nil
}

// dayAfter is midnight n days after an all-day start, in its zone (days are not 24 h across a
// change of summer time).
func dayAfter(start moment, n int) time.Time {
	return start.at.In(start.zone.loc).AddDate(0, 0, n).UTC()
}

// zoneName is the IANA zone an event's local times recur in: its own, or the IANA zone with the
// same offsets as its VTIMEZONE-only zone, "" for UTC (or no equivalent).
func (d *decoder) zoneName(m moment) string {
	if m.zone.custom == nil {
		return m.zone.name
	}
	key := fmt.Sprintf("%p/%d", m.zone.custom, m.at.Year())
	name, ok := d.equivalents[key]
	if !ok {
		name = equivalent(m.zone.custom, m.at)
		d.equivalents[key] = name
	}
	return name
}

func problemOf(label string, err error) *interop.Problem {
	var pe *problemError
	if !errors.As(err, &pe) {
		pe = refuse(CodeBadEvent, "detail", err.Error())
	}
	p := fields.Problem(label, pe.code, pe.params...)
	return &p
}

func valueOf(c *component, name string) string {
	if p := c.get(name); p != nil {
		return p.value
	}
	return ""
}

func textOf(c *component, name string) string { return text(valueOf(c, name)) }

func sequenceOf(c *component) int {
	n, _ := strconv.Atoi(strings.TrimSpace(valueOf(c, "SEQUENCE")))
	return n
}

// categoriesOf gathers every CATEGORIES property's values.
func categoriesOf(c *component) []string {
	var out []string
	for _, p := range c.all("CATEGORIES") {
		out = append(out, textList(p.value)...)
	}
	return out
}

// geoOf reads GEO "lat;lon"; nil when absent or not a WGS84 point.
func geoOf(p *prop) *interop.Point {
	if p == nil {
		return nil
	}
	parts := strings.Split(strings.ReplaceAll(p.value, ",", ";"), ";")
	if len(parts) != 2 {
		return nil
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return nil
	}
	return &interop.Point{Lon: lon, Lat: lat}
}

// organiser names the organiser: its CN, else its address without "mailto:".
func organiser(p *prop) string {
	if p == nil {
		return ""
	}
	if cn := strings.TrimSpace(p.param("CN")); cn != "" {
		return cn
	}
	v := strings.TrimSpace(p.value)
	if len(v) > 7 && strings.EqualFold(v[:7], "mailto:") {
		v = v[7:]
	}
	return v
}
