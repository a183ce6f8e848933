package importer

import (
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/interop"
	s "github.com/maillage/maillage/schema"
)

// Maillage fields an import writes, by target collection. Only these are compared with the
// previous import and the record: an import never touches status, visibility, author or photos.
var importedFields = map[string][]string{
	s.Initiatives:   {"name", "description", "address", "website", "contact", "openingHours", s.FieldGeo, "categories"},
	s.Organisations: {"name", "description", "address", "website", "contact", s.FieldGeo, "categories"},
	s.Events: {"title", "description", "place", "start", "end", "allDay", "timezone", "rrule", "exdates",
		s.FieldRDates, s.FieldGeo, "price", "registrationUrl", "categories"},
}

// fieldsOf writes an item as the values of collection's imported fields (categories apart).
func fieldsOf(it interop.Item, collection string) map[string]any {
	v := map[string]any{"description": it.Description, s.FieldGeo: geoPoint(it.Geo)}
	if collection != s.Events {
		v["name"], v["address"], v["website"] = it.Name, it.Address, webURL(it.Website)
		v["contact"] = contact(it.Email, it.Phone)
		if collection == s.Initiatives {
			v["openingHours"] = it.OpeningHours
		}
		return v
	}
	v["title"] = it.Name
	eventFields(v, it)
	return v
}

// eventFields adds what an agenda entry carries; an item without Event gets empty dates.
func eventFields(v map[string]any, it interop.Item) {
	ev := it.Event
	if ev == nil {
		ev = &interop.Event{}
	}
	v["place"] = firstOf(ev.Place, it.Address)
	v["start"], v["end"] = dateTime(ev.Start), dateTime(ev.End)
	v["allDay"], v["timezone"], v["rrule"] = ev.AllDay, ev.TimeZone, strings.TrimPrefix(ev.RRule, "RRULE:")
	v["exdates"], v[s.FieldRDates] = instants(ev.ExDates), instants(ev.RDates)
	v["price"] = ev.Price
	v["registrationUrl"] = webURL(firstOf(ev.RegistrationURL, it.Website))
}

func geoPoint(p *interop.Point) types.GeoPoint {
	if p == nil {
		return types.GeoPoint{}
	}
	return types.GeoPoint{Lon: p.Lon, Lat: p.Lat}
}

func dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(types.DefaultDateLayout)
}

// instants lists times as the PWA's exdates hold them (RFC 3339, UTC); an empty list for none.
func instants(ts []time.Time) []string {
	if len(ts) == 0 {
		return []string{}
	}
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.UTC().Format(time.RFC3339)
	}
	return out
}

// contact joins what a source gives to reach a place into the one contact field.
func contact(email, phone string) string {
	var parts []string
	for _, p := range []string{strings.TrimSpace(email), strings.TrimSpace(phone)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// webURL keeps a source's website when it can be a link: "www.x.org" gains https://, anything
// that is still not an http(s) URL is dropped rather than refusing the whole place for it.
func webURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.Contains(u.Host, ".") {
		return ""
	}
	return raw
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
