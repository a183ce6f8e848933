package dedup

import (
	"database/sql"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/geo"
	s "github.com/maillage/maillage/schema"
)

// profile names the fields of a collection that duplicate detection compares.
type profile struct {
	name, website, contact, start string
}

// profiles are the collections Flag looks at: places, bodies and events.
var profiles = map[string]profile{
	s.Initiatives:   {name: "name", website: "website", contact: "contact"},
	s.Organisations: {name: "name", website: "website", contact: "contact"},
	s.Events:        {name: "title", website: "registrationUrl", start: "start"},
}

// row is what duplicate detection reads of a record: a few columns, without the record.
type row struct {
	ID      string          `db:"id"`
	Name    string          `db:"name"`
	Website string          `db:"website"`
	Contact string          `db:"contact"`
	Start   string          `db:"start"`
	Lon     sql.NullFloat64 `db:"lon"`
	Lat     sql.NullFloat64 `db:"lat"`
}

// liveCondition selects the records that may be duplicates: not deleted, not merged away, not
// private (moderators never see private records) and not rejected.
const liveCondition = `[[deleted]] = FALSE AND [[` + s.FieldMergedInto + `]] = '' AND [[visibility]] != 'private' AND [[status]] != 'rejected'`

// eligible is liveCondition for a record in memory.
func eligible(rec *core.Record) bool {
	return !rec.GetBool(s.FieldDeleted) && rec.GetString(s.FieldMergedInto) == "" &&
		rec.GetString(s.FieldVisibility) != s.VisibilityPrivate && rec.GetString(s.FieldStatus) != s.StatusRejected
}

// selectRows reads the live rows of collection that where selects.
func selectRows(app core.App, collection string, p profile, where dbx.Expression) ([]row, error) {
	cols := []string{"id", "[[" + p.name + "]] AS name", "[[" + p.website + "]] AS website",
		"json_extract([[geo]], '$.lon') AS lon", "json_extract([[geo]], '$.lat') AS lat"}
	cols = append(cols, columnOr(p.contact, "contact"), columnOr(p.start, "start"))
	var rows []row
	err := app.DB().Select(cols...).From(collection).
		Where(dbx.NewExp(liveCondition)).AndWhere(where).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("dedup read %s: %w", collection, err)
	}
	return rows, nil
}

func columnOr(field, as string) string {
	if field == "" {
		return "('') AS " + as
	}
	return "[[" + field + "]] AS " + as
}

// rowOf reads a record in memory as selectRows would.
func rowOf(p profile, rec *core.Record) row {
	r := row{ID: rec.Id, Name: rec.GetString(p.name), Website: rec.GetString(p.website)}
	if p.contact != "" {
		r.Contact = rec.GetString(p.contact)
	}
	if p.start != "" {
		r.Start = rec.GetDateTime(p.start).String()
	}
	if pt := rec.GetGeoPoint(s.FieldGeo); pt.Lon != 0 || pt.Lat != 0 {
		r.Lon = sql.NullFloat64{Float64: pt.Lon, Valid: true}
		r.Lat = sql.NullFloat64{Float64: pt.Lat, Valid: true}
	}
	return r
}

// subjectOf normalises a row for comparison.
func subjectOf(r row) Subject {
	sub := Subject{ID: r.ID, Name: NormaliseName(r.Name)}
	if r.Lon.Valid && r.Lat.Valid && (r.Lon.Float64 != 0 || r.Lat.Float64 != 0) {
		sub.Geo = &geo.Point{Lon: r.Lon.Float64, Lat: r.Lat.Float64}
	}
	if w := NormaliseWebsite(r.Website); w != "" {
		sub.Websites = []string{w}
	}
	sub.Emails, sub.Phones = ContactKeys(r.Contact)
	if r.Start != "" {
		if t, err := types.ParseDateTime(r.Start); err == nil {
			sub.Start = t.Time()
		}
	}
	return sub
}
