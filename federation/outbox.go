package federation

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// PageSize is how many activities one page of the outbox holds.
const PageSize = 20

// publicWhere keeps the records anyone may read: public, published and not deleted (what the
// content collections' list rule opens to a guest). Tests loosen it to show their leak check
// catches a looser filter.
var publicWhere = "[[visibility]] = 'public' AND [[status]] = 'published' AND [[deleted]] = 0 AND " + notFromFediverse

// entry is one record of the outbox, newest first.
type entry struct {
	Collection string `db:"collection"`
	ID         string `db:"id"`
}

// outbox answers GET /federation/territory/outbox: an OrderedCollection of the Create activities
// of the public events, initiatives and offers, newest first, in pages (?page=1, 2…).
func (f *federation) outbox(e *core.RequestEvent) error {
	return f.serveOutbox(e, baseURL(e)+actorPath+"/outbox", territoryScope, nil)
}

// serveOutbox answers the outbox id of the records scope keeps (with params bound).
func (f *federation) serveOutbox(e *core.RequestEvent, id string, scope outboxScope, params dbx.Params) error {
	total, err := countPublic(e.App, scope, params)
	if err != nil {
		return err
	}
	raw := e.Request.URL.Query().Get("page")
	if raw == "" {
		return writeActivity(e, collectionDocument(id, total))
	}
	page, err := strconv.Atoi(raw)
	if err != nil || page < 1 {
		return e.BadRequestError("page must be a positive integer", nil)
	}
	return f.servePage(e, id, scope, params, page, total)
}

// servePage answers page number page of the outbox id of the records scope keeps.
func (f *federation) servePage(e *core.RequestEvent, id string, scope outboxScope, params dbx.Params, page, total int) error {
	entries, err := readEntries(e.App, scope, params, PageSize, (page-1)*PageSize)
	if err != nil {
		return err
	}
	doc, err := outboxPage(e.App, baseURL(e), id, page, total, entries)
	if err != nil {
		return err
	}
	return writeActivity(e, doc)
}

// collectionDocument is the outbox's head: its size and its first and last pages.
func collectionDocument(id string, total int) map[string]any {
	last := max(1, (total+PageSize-1)/PageSize)
	return map[string]any{
		"@context": asContext, "id": id, "type": "OrderedCollection", "totalItems": total,
		"first": id + "?page=1", "last": id + "?page=" + strconv.Itoa(last),
	}
}

// outboxPage is page number page of the outbox, holding entries, linked to its neighbours.
func outboxPage(app core.App, base, id string, page, total int, entries []entry) (map[string]any, error) {
	items, err := creates(app, base, entries)
	if err != nil {
		return nil, err
	}
	doc := map[string]any{
		"@context": asContext, "id": fmt.Sprintf("%s?page=%d", id, page), "type": "OrderedCollectionPage",
		"partOf": id, "totalItems": total, "orderedItems": items,
	}
	if page > 1 {
		doc["prev"] = fmt.Sprintf("%s?page=%d", id, page-1)
	}
	if page*PageSize < total {
		doc["next"] = fmt.Sprintf("%s?page=%d", id, page+1)
	}
	return doc, nil
}

// creates is the Create activity of each entry's record.
func creates(app core.App, base string, entries []entry) ([]any, error) {
	refs, err := newRefs(app, base)
	if err != nil {
		return nil, err
	}
	items := make([]any, 0, len(entries))
	for _, en := range entries {
		rec, err := app.FindRecordById(en.Collection, en.ID)
		if err != nil {
			return nil, err
		}
		items = append(items, refs.create(rec))
	}
	return items, nil
}

// newRefs reads what objects point at.
func newRefs(app core.App, base string) (*objectRefs, error) {
	communes, err := loadCommunes(app)
	if err != nil {
		return nil, err
	}
	return &objectRefs{app: app, base: base, communes: communes}, nil
}

// create is the Create activity of rec's object by the territory actor.
func (r *objectRefs) create(rec *core.Record) map[string]any {
	object := published[rec.Collection().Name](r, rec)
	return map[string]any{
		"id": object["id"].(string) + "#create", "type": "Create", "actor": r.base + actorPath,
		"published": object["published"], "to": object["to"], "cc": object["cc"], "object": object,
	}
}

// outboxScope lists the collections an outbox holds, each with a condition of its own added
// to publicWhere ("" for none).
type outboxScope map[string]string

// territoryScope is the territory's outbox: every public event, initiative and offer.
var territoryScope = outboxScope{s.Events: "", s.Initiatives: "", s.Offers: ""}

// unionQuery selects the collection and id of every public record scope keeps, newest first
// (ties by id, so that pages never overlap).
func unionQuery(scope outboxScope) string {
	parts := make([]string, 0, len(scope))
	for _, c := range []string{s.Events, s.Initiatives, s.Offers} {
		if extra, ok := scope[c]; ok {
			parts = append(parts, fmt.Sprintf("SELECT '%s' AS [[collection]], [[id]], [[created]] FROM {{%s}} WHERE %s%s%s",
				c, c, publicWhere, alsoWhere[c], extra))
		}
	}
	return strings.Join(parts, " UNION ALL ")
}

// readEntries reads limit entries of the outbox of scope from offset.
func readEntries(app core.App, scope outboxScope, params dbx.Params, limit, offset int) ([]entry, error) {
	var entries []entry
	bound := dbx.Params{"limit": limit, "offset": offset}
	for k, v := range params {
		bound[k] = v
	}
	err := app.DB().NewQuery("SELECT [[collection]], [[id]] FROM (" + unionQuery(scope) +
		") ORDER BY [[created]] DESC, [[id]] DESC LIMIT {:limit} OFFSET {:offset}").Bind(bound).All(&entries)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	return entries, nil
}

// countPublic counts the public records scope keeps.
func countPublic(app core.App, scope outboxScope, params dbx.Params) (int, error) {
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM (" + unionQuery(scope) + ")").Bind(params).Row(&n)
	if err != nil {
		return 0, fmt.Errorf("count outbox: %w", err)
	}
	return n, nil
}

// object answers GET /federation/objects/{collection}/{id}: one published object, 404 unless
// anyone may read it.
func (f *federation) object(e *core.RequestEvent) error {
	c, id := e.Request.PathValue("collection"), e.Request.PathValue("id")
	if _, ok := published[c]; !ok {
		return e.NotFoundError("", nil)
	}
	rec, err := e.App.FindFirstRecordByFilter(c, "id = {:id}", dbx.Params{"id": id})
	if err != nil || !isPublic(e.App, c, id) {
		return e.NotFoundError("", nil)
	}
	refs, err := newRefs(e.App, baseURL(e))
	if err != nil {
		return err
	}
	if !wantsActivity(e.Request) {
		return e.Redirect(http.StatusSeeOther, refs.base+"/#/i/"+c+"/"+id)
	}
	doc := published[c](refs, rec)
	doc["@context"] = asContext
	return writeActivity(e, doc)
}

// isPublic says whether record id of collection c passes publicWhere.
func isPublic(app core.App, c, id string) bool {
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM {{" + c + "}} WHERE [[id]] = {:id} AND " + publicWhere + alsoWhere[c]).
		Bind(dbx.Params{"id": id}).Row(&n)
	return err == nil && n == 1
}
