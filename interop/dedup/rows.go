package dedup

import (
	"database/sql"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/prepared"
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

// liveCondition selects the records (as t) that may be duplicates: not deleted, not merged
// away, not private (moderators never see private records) and not rejected.
const liveCondition = `t.[[deleted]] = FALSE AND t.[[` + s.FieldMergedInto + `]] = '' AND t.[[visibility]] != 'private' AND t.[[status]] != 'rejected'`

// eligible is liveCondition for a record in memory.
func eligible(rec *core.Record) bool {
	return !rec.GetBool(s.FieldDeleted) && rec.GetString(s.FieldMergedInto) == "" &&
		rec.GetString(s.FieldVisibility) != s.VisibilityPrivate && rec.GetString(s.FieldStatus) != s.StatusRejected
}

// selectSQL is the start of a query reading collection's live rows (as t, joined to what from
// adds) as rows; a condition follows it ("AND …").
func selectSQL(collection string, p profile, from string) string {
	return "SELECT t.[[id]] AS id, t.[[" + p.name + "]] AS name, t.[[" + p.website + "]] AS website, " +
		columnOr(p.contact, "contact") + ", " + columnOr(p.start, "start") + ", " +
		"json_extract(t.[[geo]], '$.lon') AS lon, json_extract(t.[[geo]], '$.lat') AS lat " +
		"FROM " + from + "[[" + collection + "]] t WHERE " + liveCondition + " "
}

// selectRows reads the live rows of collection (as t) that the condition cond (with params)
// selects, joined to from when it is not empty ("[[x]] g JOIN "). The SQL is written by hand,
// not built: Flag runs it for every imported record.
func selectRows(q prepared.Querier, collection string, p profile, from, cond string, params dbx.Params) ([]row, error) {
	var rows []row
	if err := q.Query(selectSQL(collection, p, from) + cond).Bind(params).All(&rows); err != nil {
		return nil, fmt.Errorf("dedup read %s: %w", collection, err)
	}
	return rows, nil
}

func columnOr(field, as string) string {
	if field == "" {
		return "('') AS " + as
	}
	return "t.[[" + field + "]] AS " + as
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
