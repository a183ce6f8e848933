package export

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Activity Streams 2.0.
const (
	ActivityContentType = `application/activity+json`
	activityContext     = "https://www.w3.org/ns/activitystreams"
	// ActivityPageSize is how many items one page of the activity collection holds.
	ActivityPageSize = 50
)

// activityTypes are the ActivityStreams object types of each collection's records.
var activityTypes = map[string]string{
	s.Initiatives: "Place", s.Events: "Event", s.Offers: "Note", s.Organisations: "Organization",
}

// serveActivity answers GET /api/maillage/activity with an OrderedCollection whose pages
// (?page=first, then each page's next link) list the newest public records first, each as the
// Create activity of a Place, Event, Note (offers) or Organization.
func serveActivity(e *core.RequestEvent, cfg Config) error {
	if ok, err := fresh(e, cfg); ok || err != nil {
		return internal(e, err)
	}
	root := strings.TrimRight(e.App.Settings().Meta.AppURL, "/") + ActivityPath
	doc := map[string]any{"@context": activityDocContext(), "id": root, "type": "OrderedCollection",
		"first": root + "?page=first", "license": cfg.LicenceURL, "creditText": cfg.Attribution}
	if page := e.Request.URL.Query().Get("page"); page != "" {
		var err error
		if doc, err = activityPage(e, cfg, root, page); err != nil {
			return err
		}
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return internal(e, fmt.Errorf("encode activity: %w", err))
	}
	return e.Blob(http.StatusOK, ActivityContentType, body)
}

// activityDocContext adds schema.org's license and creditText to the ActivityStreams terms.
func activityDocContext() []any {
	return []any{activityContext, map[string]string{
		"schema": "https://schema.org/", "license": "schema:license", "creditText": "schema:creditText",
	}}
}

// cursor is the position after the last item of a page: its creation time and id.
type cursor struct{ created, id string }

func (c cursor) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.created + "|" + c.id))
}

func parseCursor(v string) (cursor, bool) {
	if v == "first" {
		return cursor{}, true
	}
	b, err := base64.RawURLEncoding.DecodeString(v)
	created, id, ok := strings.Cut(string(b), "|")
	return cursor{created, id}, err == nil && ok && created != "" && id != ""
}

// item is one record of the activity collection.
type item struct {
	collection string
	rec        *core.Record
}

func (it item) created() string { return it.rec.GetString(s.FieldCreated) }

// activityPage is the OrderedCollectionPage after the cursor page.
func activityPage(e *core.RequestEvent, cfg Config, root, page string) (map[string]any, error) {
	at, ok := parseCursor(page)
	if !ok {
		return nil, badRequest(e, "page", "export_bad_page", map[string]any{"value": page})
	}
	items, more, err := newest(e.App, at)
	if err != nil {
		return nil, internal(e, err)
	}
	r, err := loadRefs(e.App, cfg, false)
	if err != nil {
		return nil, internal(e, err)
	}
	ordered := make([]any, len(items))
	for i, it := range items {
		ordered[i] = activity(it, r, cfg)
	}
	doc := map[string]any{"@context": activityDocContext(), "id": root + "?page=" + url.QueryEscape(page),
		"type": "OrderedCollectionPage", "partOf": root, "orderedItems": ordered,
		"license": cfg.LicenceURL, "creditText": cfg.Attribution}
	if more {
		last := items[len(items)-1]
		doc["next"] = root + "?page=" + cursor{last.created(), last.rec.Id}.String()
	}
	return doc, nil
}

// newest reads the ActivityPageSize public records created before at, newest first, across
// the content collections; more says whether older ones remain.
func newest(app core.App, at cursor) ([]item, bool, error) {
	var all []item
	for _, name := range s.Content {
		recs, err := newestOf(app, name, at)
		if err != nil {
			return nil, false, err
		}
		for _, rec := range recs {
			all = append(all, item{name, rec})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if a, b := all[i].created(), all[j].created(); a != b {
			return a > b
		}
		return all[i].rec.Id > all[j].rec.Id
	})
	if len(all) > ActivityPageSize {
		return all[:ActivityPageSize], true, nil
	}
	return all, false, nil
}

// newestOf reads up to ActivityPageSize+1 public records of collection created before at,
// enriched as anyone sees them.
func newestOf(app core.App, collection string, at cursor) ([]*core.Record, error) {
	c, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return nil, fmt.Errorf("collection %s: %w", collection, err)
	}
	q, err := publicQuery(app, c, filter{})
	if err != nil || q == nil {
		return nil, err
	}
	t, id := "[["+c.Name+"."+s.FieldCreated+"]]", "[["+c.Name+".id]]"
	if at.id != "" {
		q.AndWhere(dbx.NewExp("("+t+" < {:t} OR ("+t+" = {:t} AND "+id+" < {:id}))", dbx.Params{"t": at.created, "id": at.id}))
	}
	recs := []*core.Record{}
	err = q.OrderBy(c.Name+"."+s.FieldCreated+" DESC", c.Name+".id DESC").Limit(ActivityPageSize + 1).All(&recs)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", c.Name, err)
	}
	return recs, enrich(app, recs)
}

// activity is the Create activity of an item, by the instance.
func activity(it item, r *refs, cfg Config) map[string]any {
	id := r.base + "/api/maillage/jsonld/" + it.collection + "/" + it.rec.Id
	published := instant(it.rec.GetDateTime(s.FieldCreated).Time())
	obj := map[string]any{
		"id": id, "type": activityTypes[it.collection], "url": r.base + "/#/i/" + it.collection + "/" + it.rec.Id,
		"name": titleOf(it.rec), "published": published,
		"updated": instant(it.rec.GetDateTime(s.FieldUpdated).Time()),
	}
	if d := it.rec.GetString(s.ContentFields.Description); d != "" {
		obj["content"] = "<p>" + html.EscapeString(d) + "</p>"
	}
	activityPlace(obj, it, r)
	return map[string]any{
		"id": id + "#create", "type": "Create", "published": published, "object": obj,
		"actor": map[string]any{"type": "Service", "id": r.base + "/", "name": cfg.Attribution},
	}
}

// activityPlace adds an item's location (blurred for offers) and an event's times to its
// object: a Place has its own coordinates, the others a location.
func activityPlace(obj map[string]any, it item, r *refs) {
	lon, lat, ok := location(it.rec)
	if it.collection == s.Initiatives {
		if ok {
			obj["longitude"], obj["latitude"] = round6(lon), round6(lat)
		}
		return
	}
	if it.collection == s.Events {
		obj["startTime"] = instant(it.rec.GetDateTime(s.EventFields.Start).Time())
		put(obj, "endTime", instant(it.rec.GetDateTime(s.EventFields.End).Time()))
	}
	place := map[string]any{"type": "Place"}
	if ok {
		place["longitude"], place["latitude"] = round6(lon), round6(lat)
	}
	put(place, "name", firstOf(it.rec.GetString(s.EventFields.Place), r.communes[it.rec.GetString(s.FieldCommune)].name))
	if len(place) > 1 {
		obj["location"] = place
	}
}

// firstOf is the first non-empty value.
func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// titleOf is a record's name or title.
func titleOf(rec *core.Record) string {
	if n := rec.GetString(s.ContentFields.Name); n != "" {
		return n
	}
	return rec.GetString(s.ContentFields.Title)
}
