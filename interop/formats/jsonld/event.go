package jsonld

import (
	"strings"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
)

// event reads what an agenda entry adds: its dates (schema.org startDate/endDate,
// ActivityStreams startTime/endTime, or a Schedule), place, organiser and offer.
func (n node) event(label string) (*interop.Event, *interop.Problem) {
	sched := n.schedule()
	start, end, zone := firstText(n.text("startDate"), n.text("startTime")), firstText(n.text("endDate"), n.text("endTime")), ""
	if sched != nil {
		start, end, zone = firstText(start, sched.start), firstText(end, sched.end), sched.zone
	}
	if start == "" {
		p := fields.Problem(label, fields.CodeEventWithoutStart)
		return nil, &p
	}
	ev, problem := dates(label, start, end, zone)
	if problem != nil {
		return nil, problem
	}
	if sched != nil {
		ev.RRule = sched.rrule
	}
	ev.Place = placeText(n["location"])
	ev.Organiser = organiserOf(n["organizer"])
	ev.Price, ev.RegistrationURL = offerOf(n["offers"])
	return ev, nil
}

// dates reads start and end; an unreadable date, or an end before the start, is a problem.
func dates(label, start, end, zone string) (*interop.Event, *interop.Problem) {
	s, allDay, zoned, ok := fields.Time(start, zone)
	if !ok {
		p := fields.Problem(label, fields.CodeBadDate, "value", start)
		return nil, &p
	}
	ev := &interop.Event{Start: s, AllDay: allDay}
	if !zoned {
		ev.TimeZone = fields.ZoneName(zone)
	}
	if end == "" {
		return ev, nil
	}
	e, endDay, _, ok := fields.Time(end, zone)
	if !ok {
		p := fields.Problem(label, fields.CodeBadDate, "value", end)
		return nil, &p
	}
	if allDay && endDay {
		e = e.In(fields.Location(zone)).AddDate(0, 0, 1).UTC() // schema.org's endDate is the last day
	}
	if e.Before(s) {
		p := fields.Problem(label, fields.CodeEventEndBeforeStart, "start", start, "end", end)
		return nil, &p
	}
	ev.End = e
	return ev, nil
}

// organiserOf names an event's organiser: its name, or the text given.
func organiserOf(v any) string {
	var names []string
	for _, o := range asList(v) {
		if m, ok := o.(map[string]any); ok {
			names = appendText(names, node(m).text("name"))
			continue
		}
		names = appendText(names, textOf(o))
	}
	return strings.Join(names, ", ")
}

// offerOf reads an event's first offer: its price with its currency, and its URL, where one
// registers or buys a ticket.
func offerOf(v any) (price, url string) {
	for _, o := range asList(v) {
		m, ok := o.(map[string]any)
		if !ok {
			continue
		}
		n := node(m)
		price = strings.TrimSpace(firstText(n.text("price"), n.text("lowPrice")) + " " + n.text("priceCurrency"))
		return price, n.link("url")
	}
	return "", ""
}
