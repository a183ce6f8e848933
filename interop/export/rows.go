package export

import (
	"encoding/json"
	"time"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// column is one property of a flat export: a CSV column, a GeoJSON feature's property. Its
// value is a string, a bool, a float64, a []string, or nil.
type column struct {
	name  string
	value func(rec *core.Record, r *refs) any
}

// text, date, flag, number and list read a field of the record as flat values.
func text(field string) column {
	return column{field, func(rec *core.Record, _ *refs) any { return rec.GetString(field) }}
}

func date(field string) column {
	return column{field, func(rec *core.Record, _ *refs) any { return instant(rec.GetDateTime(field).Time()) }}
}

func flag(field string) column {
	return column{field, func(rec *core.Record, _ *refs) any { return rec.GetBool(field) }}
}

func number(field string) column {
	return column{field, func(rec *core.Record, _ *refs) any { return rec.GetFloat(field) }}
}

// instants reads a JSON list of dates (an event's exdates and rdates) as RFC 3339 UTC strings.
func instants(field string) column {
	return column{field, func(rec *core.Record, _ *refs) any { return instantList(rec, field) }}
}

func instantList(rec *core.Record, field string) []string {
	var raw []string
	if err := json.Unmarshal([]byte(rec.GetString(field)), &raw); err != nil {
		return []string{}
	}
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			out = append(out, instant(t))
		} else if t, err := time.Parse("2006-01-02 15:04:05.000Z", v); err == nil {
			out = append(out, instant(t))
		}
	}
	return out
}

// instant writes t as RFC 3339 in UTC to the second ("2026-05-02T14:00:00Z"), "" for zero.
func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// columns are each collection's flat export, in order; the location is the GeoJSON geometry
// and the lon and lat columns of CSV.
var columns = map[string][]column{
	s.Initiatives: withCommon(text(s.ContentFields.Name), text(s.ContentFields.Description),
		text(s.ContentFields.Address), text(s.ContentFields.Website), text(s.ContentFields.Contact),
		text(s.InitiativeFields.OpeningHours), text(s.InitiativeFields.Organisation)),
	s.Organisations: withCommon(text(s.ContentFields.Name), text(s.ContentFields.Description),
		text(s.ContentFields.Address), text(s.ContentFields.Website), text(s.ContentFields.Contact)),
	s.Events: withCommon(text(s.ContentFields.Title), text(s.ContentFields.Description),
		date(s.EventFields.Start), date(s.EventFields.End), flag(s.EventFields.AllDay),
		text(s.EventFields.Timezone), text(s.EventFields.RRule), instants(s.FieldExDates),
		instants(s.FieldRDates), text(s.EventFields.Place), text(s.EventFields.Price),
		text(s.FieldRegistrationURL), text(s.EventFields.Initiative), text(s.EventFields.Organiser)),
	s.Offers: withCommon(text(s.ContentFields.Title), text(s.ContentFields.Description),
		text(s.OfferFields.Kind), text(s.OfferFields.Mode), number(s.OfferFields.Price),
		number(s.OfferFields.CurrencyAmount), text(s.OfferFields.State), date(s.OfferFields.Expires)),
}

// withCommon puts the id first and the place, categories, provenance and dates every
// collection has last.
func withCommon(own ...column) []column {
	out := append([]column{text(core.FieldNameId)}, own...)
	return append(out,
		column{s.FieldCommune, func(rec *core.Record, r *refs) any { return r.communes[rec.GetString(s.FieldCommune)].name }},
		column{"communeCode", func(rec *core.Record, r *refs) any { return r.communes[rec.GetString(s.FieldCommune)].code }},
		column{s.ContentFields.Categories, func(rec *core.Record, r *refs) any { return r.categoryNames(rec) }},
		text(s.FieldSource), text(s.FieldExternalID),
		column{"licence", func(rec *core.Record, r *refs) any { return r.licenceOf(rec).ID }},
		column{"attribution", func(rec *core.Record, r *refs) any { return r.licenceOf(rec).Attribution }},
		date(s.FieldCreated), date(s.FieldUpdated),
	)
}

// location is rec's point as the reader sees it; ok is false when it has none.
func location(rec *core.Record) (lon, lat float64, ok bool) {
	p := rec.GetGeoPoint(s.FieldGeo)
	if p.Lon == 0 && p.Lat == 0 {
		return 0, 0, false
	}
	return p.Lon, p.Lat, true
}
