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
// of the public events and initiatives, newest first, in pages (?page=1, 2…).
func (f *federation) outbox(e *core.RequestEvent) error {
	base := baseURL(e)
	total, err := countPublic(e.App)
	if err != nil {
		return err
	}
	id := base + actorPath + "/outbox"
	raw := e.Request.URL.Query().Get("page")
	if raw == "" {
		return writeActivity(e, collectionDocument(id, total))
	}
	page, err := strconv.Atoi(raw)
	if err != nil || page < 1 {
		return e.BadRequestError("page must be a positive integer", nil)
	}
	doc, err := f.outboxPage(e.App, base, id, page, total)
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

// outboxPage is page number page of the outbox, linked to its neighbours.
func (f *federation) outboxPage(app core.App, base, id string, page, total int) (map[string]any, error) {
	entries, err := readEntries(app, PageSize, (page-1)*PageSize)
	if err != nil {
		return nil, err
	}
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

// unionQuery selects the collection and id of every public record of the published
// collections, newest first (ties by id, so that pages never overlap).
func unionQuery() string {
	parts := make([]string, 0, len(published))
	for _, c := range []string{s.Events, s.Initiatives, s.Offers} {
		parts = append(parts, fmt.Sprintf("SELECT '%s' AS [[collection]], [[id]], [[created]] FROM {{%s}} WHERE %s%s", c, c, publicWhere, alsoWhere[c]))
	}
	return strings.Join(parts, " UNION ALL ")
}

// readEntries reads limit entries of the outbox from offset.
func readEntries(app core.App, limit, offset int) ([]entry, error) {
	var entries []entry
	err := app.DB().NewQuery("SELECT [[collection]], [[id]] FROM (" + unionQuery() +
		") ORDER BY [[created]] DESC, [[id]] DESC LIMIT {:limit} OFFSET {:offset}").
		Bind(dbx.Params{"limit": limit, "offset": offset}).All(&entries)
	if err != nil {
		return nil, fmt.Errorf("read outbox: %w", err)
	}
	return entries, nil
}

// countPublic counts the public records of the published collections.
func countPublic(app core.App) (int, error) {
	var n int
	err := app.DB().NewQuery("SELECT COUNT(*) FROM (" + unionQuery() + ")").Row(&n)
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
