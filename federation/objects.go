package federation

import (
	"html"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Published is the audience of everything the outbox holds: the public collection.
const Published = "https://www.w3.org/ns/activitystreams#Public"

// published lists the collections the outbox publishes, with the builder of their objects.
var published = map[string]func(*objectRefs, *core.Record) map[string]any{
	s.Events:      eventObject,
	s.Initiatives: placeObject,
	s.Offers:      noteObject,
}

// objectRefs is what objects point at: the site's address and the communes' names.
type objectRefs struct {
	app      core.App
	base     string
	communes map[string]string
}

// objectID is the ActivityPub id of a record (served by GET /federation/objects/...).
func (r *objectRefs) objectID(rec *core.Record) string {
	return r.base + "/federation/objects/" + rec.Collection().Name + "/" + rec.Id
}

// eventObject is an event as an ActivityStreams Event: its title, description, first start and
// end, where it happens (a Place with address and coordinates) and its page in the PWA.
func eventObject(r *objectRefs, rec *core.Record) map[string]any {
	o := r.common(rec, "Event", rec.GetString(s.ContentFields.Title))
	o["startTime"] = instant(rec.GetDateTime(s.EventFields.Start).Time())
	putString(o, "endTime", instant(rec.GetDateTime(s.EventFields.End).Time()))
	place := r.place(rec, rec.GetString(s.EventFields.Place), "")
	if len(place) > 1 {
		o["location"] = place
	}
	return o
}

// placeObject is an initiative as an ActivityStreams Place with its address and coordinates.
func placeObject(r *objectRefs, rec *core.Record) map[string]any {
	o := r.common(rec, "Place", rec.GetString(s.ContentFields.Name))
	for k, v := range r.place(rec, "", rec.GetString(s.ContentFields.Address)) {
		if k != "type" {
			o[k] = v
		}
	}
	return o
}

// common holds the properties of every object: id, type, name, content (the description as
// HTML), the PWA page, the actor as author, the public audience and the dates.
func (r *objectRefs) common(rec *core.Record, kind, name string) map[string]any {
	actor := r.base + actorPath
	o := map[string]any{
		"id": r.objectID(rec), "type": kind, "name": name,
		"url":          r.base + "/#/i/" + rec.Collection().Name + "/" + rec.Id,
		"attributedTo": actor, "to": []string{Published}, "cc": []string{actor + "/followers"},
		"published": instant(rec.GetDateTime(s.FieldCreated).Time()),
		"updated":   instant(rec.GetDateTime(s.FieldUpdated).Time()),
	}
	putString(o, "content", asHTML(rec.GetString(s.ContentFields.Description)))
	return o
}

// place is a Place named name at the record's street, commune and point (only "type" when the
// record has none of them).
func (r *objectRefs) place(rec *core.Record, name, street string) map[string]any {
	p := map[string]any{"type": "Place"}
	putString(p, "name", name)
	address := map[string]any{}
	putString(address, "streetAddress", street)
	putString(address, "addressLocality", r.communes[rec.GetString(s.FieldCommune)])
	if len(address) > 0 {
		address["type"] = "PostalAddress"
		p["address"] = address
	}
	// Offers' and people's exact points are their author's alone (others see them blurred):
	// the fediverse gets none.
	if g := rec.GetGeoPoint(s.FieldGeo); (g.Lon != 0 || g.Lat != 0) && !s.IsBlurred(rec.Collection().Name) {
		p["latitude"], p["longitude"] = g.Lat, g.Lon
	}
	return p
}

// asHTML is plain text as HTML paragraphs, escaped; "" stays "".
func asHTML(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		b.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(para), "\n", "<br>") + "</p>")
	}
	return b.String()
}

// instant is t in RFC 3339 (UTC), "" when zero.
func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// putString sets o[key] to v unless v is empty.
func putString(o map[string]any, key, v string) {
	if v != "" {
		o[key] = v
	}
}

// loadCommunes reads the names of the communes by id (not their boundaries).
func loadCommunes(app core.App) (map[string]string, error) {
	var rows []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := app.DB().Select("id", s.CommuneFields.Name).From(s.Communes).All(&rows); err != nil {
		return nil, err
	}
	names := make(map[string]string, len(rows))
	for _, c := range rows {
		names[c.ID] = c.Name
	}
	return names, nil
}
