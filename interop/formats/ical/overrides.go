package ical

import (
	"strconv"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
)

// resolve turns the entries read into items. A VEVENT with a RECURRENCE-ID overrides one
// instance of the event with its UID (its master): it becomes an item of its own, identified by
// UID#RECURRENCE-ID, taking the master's details it does not repeat, and its RECURRENCE-ID is
// added to the master's EXDATEs, so the agenda shows the override instead of the generated
// instance. A cancelled override only removes its instance; a cancelled event is refused. When
// a UID (or UID and RECURRENCE-ID) comes several times, the highest SEQUENCE (then the last)
// wins.
func resolve(entries []entry) ([]interop.Item, []interop.Problem) {
	out := latest(entries)
	masters := map[string]int{}
	for i, e := range out {
		if e.rid == nil && e.uid != "" {
			masters[e.uid] = i
		}
	}
	for i := range out {
		o := &out[i]
		if m, ok := masters[o.uid]; ok && o.rid != nil {
			master := &out[m].item
			master.Event.ExDates = append(master.Event.ExDates, o.rid.at)
			inherit(&o.item, *master)
		}
	}
	var items []interop.Item
	var problems []interop.Problem
	for _, e := range out {
		switch {
		case e.rid != nil && e.cancelled:
		case e.rid != nil:
			e.item.ExternalID = e.uid + "#" + instantKey(e.rid.at, e.rid.allDay, defaultZone().loc)
			items = append(items, e.item)
		case e.cancelled:
			problems = append(problems, fields.Problem(e.item.Label, CodeCancelled))
		default:
			items = append(items, e.item)
		}
	}
	return items, problems
}

// latest keeps one entry per UID and RECURRENCE-ID, at the place of its first appearance.
func latest(entries []entry) []entry {
	var out []entry
	at := map[string]int{}
	for n, e := range entries {
		key := "#" + strconv.Itoa(n) // without a UID, every VEVENT is its own event
		if e.uid != "" {
			key = e.uid
			if e.rid != nil {
				key += "#" + e.rid.at.UTC().Format(utcLayout)
			}
		}
		if i, seen := at[key]; seen {
			if e.sequence >= out[i].sequence {
				out[i] = e
			}
			continue
		}
		at[key] = len(out)
		out = append(out, e)
	}
	return out
}

// inherit fills what an override leaves out with its master's values.
func inherit(o *interop.Item, m interop.Item) {
	fill := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	fill(&o.Name, m.Name)
	fill(&o.Description, m.Description)
	fill(&o.Address, m.Address)
	fill(&o.Website, m.Website)
	fill(&o.Event.Place, m.Event.Place)
	fill(&o.Event.Organiser, m.Event.Organiser)
	if o.Geo == nil {
		o.Geo = m.Geo
	}
	if len(o.Categories) == 0 {
		o.Categories = m.Categories
	}
}
