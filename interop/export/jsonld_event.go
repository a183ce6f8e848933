package export

import (
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

func eventNode(n node, rec *core.Record, r *refs) {
	n["@type"] = "Event"
	n["name"] = rec.GetString(s.ContentFields.Title)
	start, end := eventDates(rec)
	put(n, "startDate", start)
	put(n, "endDate", end)
	place := node{}
	put(place, "name", rec.GetString(s.EventFields.Place))
	put(place, "address", address("", rec, r))
	put(place, "geo", geoNode(rec))
	if len(place) > 0 {
		place["@type"] = "Place"
		n["location"] = place
	}
	if id := rec.GetString(s.EventFields.Organiser); r.organisations[id] != "" {
		n["organizer"] = node{"@type": "Organization", "@id": r.base + "/api/maillage/jsonld/" + s.Organisations + "/" + id, "name": r.organisations[id]}
	}
	offer := node{}
	put(offer, "price", rec.GetString(s.EventFields.Price))
	put(offer, "url", rec.GetString(s.FieldRegistrationURL))
	if len(offer) > 0 {
		offer["@type"] = "Offer"
		n["offers"] = offer
	}
	put(n, "keywords", r.categoryNames(rec))
	put(n, "eventSchedule", schedule(rec, start))
}

// frequencies are RRULE's FREQ values schema.org's repeatFrequency (an ISO 8601 duration) has.
var frequencies = map[string]string{"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}

// weekdays are RRULE's day codes as schema.org DayOfWeek.
var weekdays = map[string]string{
	"MO": "https://schema.org/Monday", "TU": "https://schema.org/Tuesday", "WE": "https://schema.org/Wednesday",
	"TH": "https://schema.org/Thursday", "FR": "https://schema.org/Friday", "SA": "https://schema.org/Saturday",
	"SU": "https://schema.org/Sunday",
}

// schedule is a recurring event's rule as a schema.org Schedule (nil for one date): its
// frequency, days, count, end, zone and removed dates.
func schedule(rec *core.Record, start string) node {
	rule := rec.GetString(s.EventFields.RRule)
	if rule == "" {
		return nil
	}
	parts := map[string]string{}
	for _, p := range strings.Split(strings.TrimPrefix(rule, "RRULE:"), ";") {
		if k, v, ok := strings.Cut(p, "="); ok {
			parts[strings.ToUpper(k)] = v
		}
	}
	n := node{"@type": "Schedule"}
	put(n, "startDate", start)
	if unit, ok := frequencies[parts["FREQ"]]; ok {
		n["repeatFrequency"] = "P" + positive(parts["INTERVAL"], "1") + unit
	}
	put(n, "byDay", days(parts["BYDAY"]))
	putInts(n, "byMonthDay", parts["BYMONTHDAY"])
	putInts(n, "byMonth", parts["BYMONTH"])
	if c, err := strconv.Atoi(parts["COUNT"]); err == nil {
		n["repeatCount"] = c
	}
	put(n, "endDate", untilDate(parts["UNTIL"]))
	put(n, "scheduleTimezone", rec.GetString(s.EventFields.Timezone))
	put(n, "exceptDate", instantList(rec, s.FieldExDates))
	return n
}

// positive is v when it is a positive integer, else def.
func positive(v, def string) string {
	if i, err := strconv.Atoi(v); err == nil && i > 0 {
		return strconv.Itoa(i)
	}
	return def
}

// days writes BYDAY: plain days as DayOfWeek, the others ("1MO", "-1FR") as RRULE writes them.
func days(v string) []string {
	if v == "" {
		return nil
	}
	var out []string
	for _, d := range strings.Split(v, ",") {
		if full, ok := weekdays[d]; ok {
			out = append(out, full)
		} else {
			out = append(out, d)
		}
	}
	return out
}

// putInts sets n[key] to the integers of a comma-separated list, when there are some.
func putInts(n node, key, v string) {
	var out []int
	for _, p := range strings.Split(v, ",") {
		if i, err := strconv.Atoi(p); err == nil {
			out = append(out, i)
		}
	}
	if len(out) > 0 {
		n[key] = out
	}
}

// untilDate writes RRULE's UNTIL ("20261231T235959Z", "20261231") as ISO 8601.
func untilDate(v string) string {
	if len(v) < 8 {
		return ""
	}
	d := v[0:4] + "-" + v[4:6] + "-" + v[6:8]
	if len(v) >= 15 && v[8] == 'T' {
		d += "T" + v[9:11] + ":" + v[11:13] + ":" + v[13:15] + v[15:]
	}
	return d
}
