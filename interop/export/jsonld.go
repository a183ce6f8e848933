package export

import (
	"time"
	_ "time/tzdata" // events' zones must resolve on servers without a zoneinfo database

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// SchemaContext is the JSON-LD context of the schema.org documents.
const SchemaContext = "https://schema.org"

// node is a JSON-LD node: keys are schema.org terms, encoding/json sorts them.
type node = map[string]any

// recordNode is rec (of collection c) as a schema.org node: initiatives are a Place, or a
// LocalBusiness when they have opening hours or a contact; organisations an Organization;
// events an Event; offers an Offer or a Demand. The PWA's detail page embeds the same node
// built from the record it holds (pb_public/js/jsonld.js; testdata/jsonld checks both).
func recordNode(c string, rec *core.Record, r *refs) node {
	n := node{
		"@id":              r.base + "/api/maillage/jsonld/" + c + "/" + rec.Id,
		"identifier":       rec.Id,
		"mainEntityOfPage": r.base + "/#/i/" + c + "/" + rec.Id,
	}
	l := r.licenceOf(rec)
	n["license"], n["creditText"] = l.URL, l.Attribution
	if src := rec.GetString(s.FieldSource); src != "" {
		n["isBasedOn"] = node{"@type": "Dataset", "name": src}
	}
	put(n, "description", rec.GetString(s.ContentFields.Description))
	switch c {
	case s.Initiatives:
		placeNode(n, rec, r)
	case s.Organisations:
		organisationNode(n, rec, r)
	case s.Events:
		eventNode(n, rec, r)
	case s.Offers:
		offerNode(n, rec, r)
	}
	return n
}

// put sets n[key] to v unless v is empty.
func put(n node, key string, v any) {
	switch t := v.(type) {
	case string:
		if t == "" {
			return
		}
	case []string:
		if len(t) == 0 {
			return
		}
	case node:
		if len(t) == 0 {
			return
		}
	case nil:
		return
	}
	n[key] = v
}

func placeNode(n node, rec *core.Record, r *refs) {
	hours, contact := rec.GetString(s.InitiativeFields.OpeningHours), rec.GetString(s.ContentFields.Contact)
	n["@type"] = "Place"
	if hours != "" || contact != "" {
		n["@type"] = "LocalBusiness"
		put(n, "openingHours", hours)
		put(n, "contactPoint", contactPoint(contact))
	}
	n["name"] = rec.GetString(s.ContentFields.Name)
	put(n, "url", rec.GetString(s.ContentFields.Website))
	put(n, "address", address(rec.GetString(s.ContentFields.Address), rec, r))
	put(n, "geo", geoNode(rec))
	put(n, "keywords", r.categoryNames(rec))
}

func organisationNode(n node, rec *core.Record, r *refs) {
	n["@type"] = "Organization"
	n["name"] = rec.GetString(s.ContentFields.Name)
	put(n, "url", rec.GetString(s.ContentFields.Website))
	put(n, "address", address(rec.GetString(s.ContentFields.Address), rec, r))
	put(n, "contactPoint", contactPoint(rec.GetString(s.ContentFields.Contact)))
	if g := geoNode(rec); g != nil {
		n["location"] = node{"@type": "Place", "geo": g}
	}
	put(n, "keywords", r.categoryNames(rec))
}

// contactPoint is a contact line as written (an e-mail, a phone, opening times…).
func contactPoint(contact string) node {
	if contact == "" {
		return nil
	}
	return node{"@type": "ContactPoint", "description": contact}
}

// address is a PostalAddress of the street address and the commune, nil when both are empty.
func address(street string, rec *core.Record, r *refs) node {
	a := node{}
	put(a, "streetAddress", street)
	put(a, "addressLocality", r.communes[rec.GetString(s.FieldCommune)].name)
	if len(a) == 0 {
		return nil
	}
	a["@type"] = "PostalAddress"
	return a
}

// geoNode is the record's point as the reader sees it (offers blurred), nil when it has none.
func geoNode(rec *core.Record) node {
	lon, lat, ok := location(rec)
	if !ok {
		return nil
	}
	return node{"@type": "GeoCoordinates", "latitude": round6(lat), "longitude": round6(lon)}
}

// availability maps an offer's state to schema.org's ItemAvailability.
var availability = map[string]string{
	s.OfferOpen:     "https://schema.org/InStock",
	s.OfferReserved: "https://schema.org/Reserved",
	s.OfferDone:     "https://schema.org/SoldOut",
}

func offerNode(n node, rec *core.Record, r *refs) {
	n["@type"] = "Offer"
	if rec.GetString(s.OfferFields.Kind) == "need" {
		n["@type"] = "Demand"
	}
	n["name"] = rec.GetString(s.ContentFields.Title)
	put(n, "category", r.categoryNames(rec))
	if p := rec.GetFloat(s.OfferFields.Price); p > 0 {
		n["price"], n["priceCurrency"] = p, "EUR"
	}
	put(n, "availability", availability[rec.GetString(s.OfferFields.State)])
	put(n, "validThrough", instant(rec.GetDateTime(s.OfferFields.Expires).Time()))
	props := []any{node{"@type": "PropertyValue", "name": "mode", "value": rec.GetString(s.OfferFields.Mode)}}
	if a := rec.GetFloat(s.OfferFields.CurrencyAmount); a > 0 {
		props = append(props, node{"@type": "PropertyValue", "name": "currencyAmount", "value": a})
	}
	n["additionalProperty"] = props
	place := node{}
	put(place, "geo", geoNode(rec))
	put(place, "address", address("", rec, r))
	if len(place) > 0 {
		place["@type"] = "Place"
		n["availableAtOrFrom"] = place
	}
}

// zone is the event's time zone, UTC when it names none or an unknown one.
func zone(rec *core.Record) *time.Location {
	loc, err := time.LoadLocation(rec.GetString(s.EventFields.Timezone))
	if err != nil {
		return time.UTC
	}
	return loc
}

// eventDates are an event's schema.org start and end: instants, or for an all-day event the
// first and the last day in its zone (its stored end is exclusive, as iCalendar's DTEND).
func eventDates(rec *core.Record) (start, end string) {
	st, en := rec.GetDateTime(s.EventFields.Start).Time(), rec.GetDateTime(s.EventFields.End).Time()
	if !rec.GetBool(s.EventFields.AllDay) {
		return instant(st), instant(en)
	}
	loc := zone(rec)
	start = st.In(loc).Format(time.DateOnly)
	if !en.IsZero() && en.After(st) {
		end = en.Add(-time.Second).In(loc).Format(time.DateOnly)
	}
	return start, end
}
