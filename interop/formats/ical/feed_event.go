package ical

import (
	"fmt"
	"strings"
	"time"

	goical "github.com/emersion/go-ical"
)

// vevent builds the VEVENT of one feed event.
func vevent(ev Event, feed Feed) *goical.Component {
	c := goical.NewComponent(goical.CompEvent)
	setText(c, goical.PropUID, ev.UID)
	stamp := ev.LastModified
	if stamp.IsZero() {
		stamp = feed.Generated
	}
	c.Props.SetDateTime(goical.PropDateTimeStamp, stamp.UTC())
	if !ev.LastModified.IsZero() {
		c.Props.SetDateTime(goical.PropLastModified, ev.LastModified.UTC())
	}
	loc := location(ev.TimeZone)
	c.Props.Set(dateProp(goical.PropDateTimeStart, []time.Time{ev.Start}, ev.AllDay, loc))
	if ev.End.After(ev.Start) {
		c.Props.Set(dateProp(goical.PropDateTimeEnd, []time.Time{ev.End}, ev.AllDay, loc))
	}
	if rule := cleanRule(ev.RRule); rule != "" {
		setRaw(c, goical.PropRecurrenceRule, rule)
	}
	if len(ev.RDates) > 0 {
		c.Props.Set(dateProp(goical.PropRecurrenceDates, ev.RDates, ev.AllDay, loc))
	}
	if len(ev.ExDates) > 0 {
		c.Props.Set(dateProp(goical.PropExceptionDates, ev.ExDates, ev.AllDay, loc))
	}
	setText(c, goical.PropSummary, ev.Summary)
	setText(c, goical.PropDescription, ev.Description)
	setText(c, goical.PropLocation, ev.Location)
	setText(c, goical.PropComment, credit(feed))
	if ev.URL != "" {
		setRaw(c, goical.PropURL, oneLine(ev.URL))
	}
	if ev.Geo != nil {
		setRaw(c, goical.PropGeo, fmt.Sprintf("%.6f;%.6f", ev.Geo.Lat, ev.Geo.Lon))
	}
	if len(ev.Categories) > 0 {
		p := goical.NewProp(goical.PropCategories)
		p.SetTextList(ev.Categories)
		c.Props.Set(p)
	}
	return c
}

// dateProp writes one or more instants as DATE values (all-day, in loc), as local times with
// a TZID, or as UTC times when loc is UTC.
func dateProp(name string, ts []time.Time, allDay bool, loc *time.Location) *goical.Prop {
	p := goical.NewProp(name)
	layout := utcLayout
	switch {
	case allDay:
		layout = dateLayout
		p.Params.Set(goical.ParamValue, string(goical.ValueDate))
	case loc != time.UTC:
		layout = localLayout
		p.Params.Set(goical.PropTimezoneID, loc.String())
	}
	values := make([]string, len(ts))
	for i, t := range ts {
		values[i] = t.In(loc).Format(layout)
	}
	p.Value = strings.Join(values, ",")
	return p
}

// setText sets a TEXT property, omitted when empty.
func setText(c *goical.Component, name, value string) {
	if value = strings.TrimSpace(value); value != "" {
		c.Props.SetText(name, strings.ReplaceAll(value, "\r", ""))
	}
}
