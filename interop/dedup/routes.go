package dedup

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Route paths.
const (
	PathList     = "/api/maillage/duplicates"
	PathMerge    = "/api/maillage/duplicates/{id}/merge"
	PathDismiss  = "/api/maillage/duplicates/{id}/dismiss"
	PathRedirect = "/api/maillage/redirect/{collection}/{id}"
)

// MaxPerPage bounds a page of the pairs list.
const MaxPerPage = 50

// maxBody bounds a merge request (a description is at most 20,000 characters).
const maxBody = 256 << 10

func bindRoutes(se *core.ServeEvent) {
	se.Router.GET(PathList, moderated(serveList))
	se.Router.POST(PathMerge, moderated(serveMerge)).Bind(apis.BodyLimit(maxBody))
	se.Router.POST(PathDismiss, moderated(serveDismiss))
	se.Router.GET(PathRedirect, serveRedirect)
}

// moderated lets moderators (and superusers) through, and refuses anyone else in their
// language; the handler's refusals are written in it too.
func moderated(next func(*core.RequestEvent, *core.RequestInfo) error) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		switch {
		case e.HasSuperuserAuth():
		case e.Auth == nil:
			return answer(e, errSignIn)
		case e.Auth.GetString(s.FieldRole) != s.RoleModerator:
			return answer(e, errModeratorsOnly)
		}
		info, err := e.RequestInfo()
		if err != nil {
			return answer(e, errBodyInvalid)
		}
		return answer(e, next(e, info))
	}
}

// answer writes a Refusal as an API error in the requester's language; other errors pass.
func answer(e *core.RequestEvent, err error) error {
	var r *Refusal
	if errors.As(err, &r) {
		return r.APIError(i18n.Lang(e))
	}
	return err
}

// serveMerge answers POST /api/maillage/duplicates/{id}/merge with the kept record.
func serveMerge(e *core.RequestEvent, info *core.RequestInfo) error {
	var d Decision
	raw, err := json.Marshal(info.Body)
	if err != nil || json.Unmarshal(raw, &d) != nil {
		return errBodyInvalid
	}
	kept, err := Merge(e.App, info, e.Request.PathValue("id"), d)
	if err != nil {
		return err
	}
	if err := apis.EnrichRecord(e, kept); err != nil {
		return err
	}
	return e.JSON(http.StatusOK, map[string]any{"kept": kept})
}

// serveDismiss answers POST /api/maillage/duplicates/{id}/dismiss with the pair.
func serveDismiss(e *core.RequestEvent, info *core.RequestInfo) error {
	pair, err := Dismiss(e.App, info, e.Request.PathValue("id"))
	if err != nil {
		return err
	}
	return e.JSON(http.StatusOK, pair)
}

// serveRedirect answers GET /api/maillage/redirect/{collection}/{id} with {"id": keptId}.
func serveRedirect(e *core.RequestEvent) error {
	info, err := e.RequestInfo()
	if err != nil {
		return e.BadRequestError("", err)
	}
	kept, err := Redirect(e.App, info, e.Request.PathValue("collection"), e.Request.PathValue("id"))
	if err != nil {
		return answer(e, err)
	}
	return e.JSON(http.StatusOK, map[string]string{"id": kept})
}

// Item is one open pair as the moderators' view shows it: both records side by side, the
// fields a merge may take from either, the score and why.
type Item struct {
	ID         string          `json:"id"`
	Collection string          `json:"collection"`
	Score      float64         `json:"score"`
	Reasons    json.RawMessage `json:"reasons"`
	Created    string          `json:"created"`
	Fields     []string        `json:"fields"`
	Records    []*core.Record  `json:"records"`
}

// serveList answers GET /api/maillage/duplicates?collection=&page=&perPage= with the open
// pairs, best score first, each with both records as the requester reads them. A pair whose
// records are gone or hidden from the requester is left out of its page (totalItems counts
// every open pair).
func serveList(e *core.RequestEvent, info *core.RequestInfo) error {
	q := e.Request.URL.Query()
	page, perPage := intParam(q.Get("page"), 1, 1<<20), intParam(q.Get("perPage"), 20, MaxPerPage)
	where := dbx.HashExp{s.FieldStatus: s.DupOpen}
	if c := q.Get("collection"); c != "" {
		where[s.FieldDupCollection] = c
	}
	total, err := e.App.CountRecords(s.Duplicates, where)
	if err != nil {
		return err
	}
	pairs := []*core.Record{}
	err = e.App.RecordQuery(s.Duplicates).AndWhere(where).
		OrderBy(s.FieldDupScore+" DESC", s.FieldCreated+" ASC", "id ASC").
		Offset(int64((page - 1) * perPage)).Limit(int64(perPage)).All(&pairs)
	if err != nil {
		return err
	}
	items := []Item{}
	for _, p := range pairs {
		if it, ok := listItem(e, info, p); ok {
			items = append(items, it)
		}
	}
	return e.JSON(http.StatusOK, map[string]any{"page": page, "perPage": perPage, "totalItems": total, "items": items})
}

// listItem builds the view of pair p, ok false when one of its records is gone or hidden.
func listItem(e *core.RequestEvent, info *core.RequestInfo, p *core.Record) (Item, bool) {
	coll := p.GetString(s.FieldDupCollection)
	a, b := p.GetString(s.FieldDupRecordA), p.GetString(s.FieldDupRecordB)
	recs, err := e.App.FindRecordsByIds(coll, []string{a, b})
	if err != nil || len(recs) != 2 || !eligible(recs[0]) || !eligible(recs[1]) {
		return Item{}, false
	}
	if recs[0].Id != a {
		recs[0], recs[1] = recs[1], recs[0]
	}
	for _, r := range recs {
		if ok, err := e.App.CanAccessRecord(r, info, r.Collection().ViewRule); err != nil || !ok {
			return Item{}, false
		}
	}
	if err := apis.EnrichRecords(e, recs); err != nil {
		return Item{}, false
	}
	return Item{ID: p.Id, Collection: coll, Score: p.GetFloat(s.FieldDupScore),
		Reasons: rawJSON(p.Get(s.FieldDupReasons)), Created: p.GetDateTime(s.FieldCreated).String(),
		Fields: MergeableFields(recs[0].Collection()), Records: recs}, true
}

func intParam(raw string, def, maxValue int) int {
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 {
		return def
	}
	return min(n, maxValue)
}
