package export

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
)

// PageSize is how many records one query reads: an export holds one page at a time, so its
// memory stays flat whatever the collection's size.
const PageSize = 500

// errNotPublic says a record is missing or not readable by anyone.
var errNotPublic = errors.New("not public")

// guestInfo is an anonymous reader's request: exports show what anyone may read, whoever asks.
func guestInfo() *core.RequestInfo {
	return &core.RequestInfo{
		Method: http.MethodGet, Context: core.RequestInfoContextDefault,
		Query: map[string]string{}, Headers: map[string]string{}, Body: map[string]any{},
	}
}

// scan calls fn with every record of c that an anonymous reader may list and f keeps, in id
// order, reading PageSize records at a time. Each page is enriched as the REST API enriches
// what it answers (OnRecordEnrich: offers' locations blurred), so fn sees what anyone sees.
func scan(app core.App, c *core.Collection, f filter, fn func(*core.Record) error) error {
	return scanPages(app, c, f, enrich, fn)
}

// scanPages is scan with the enrichment of each page given.
func scanPages(app core.App, c *core.Collection, f filter, enrichPage func(core.App, []*core.Record) error, fn func(*core.Record) error) error {
	after := ""
	for {
		page, err := readPage(app, c, f, after, nil)
		if err != nil {
			return err
		}
		if err := enrichPage(app, page); err != nil {
			return err
		}
		for _, r := range page {
			if err := fn(r); err != nil {
				return err
			}
		}
		if len(page) < PageSize {
			return nil
		}
		after = page[len(page)-1].Id
	}
}

// readPage reads up to PageSize records of c with an id after after (all when empty), which
// an anonymous reader may list, f keeps and extra (when not nil) holds.
func readPage(app core.App, c *core.Collection, f filter, after string, extra dbx.Expression) ([]*core.Record, error) {
	q, err := publicQuery(app, c, f)
	if err != nil || q == nil {
		return nil, err
	}
	if after != "" {
		q.AndWhere(dbx.NewExp("[["+c.Name+".id]] > {:after}", dbx.Params{"after": after}))
	}
	if extra != nil {
		q.AndWhere(extra)
	}
	records := []*core.Record{}
	if err := q.OrderBy(c.Name + ".id ASC").Limit(PageSize).All(&records); err != nil {
		return nil, fmt.Errorf("read %s: %w", c.Name, err)
	}
	return records, nil
}

// publicQuery selects the records of c that an anonymous reader may list and f keeps: the
// rows are selected by the collection's own list rule, resolved by PocketBase as its list API
// does. It is nil when only superusers may list c.
func publicQuery(app core.App, c *core.Collection, f filter) (*dbx.SelectQuery, error) {
	if c.ListRule == nil {
		return nil, nil
	}
	q := app.RecordQuery(c)
	filters, params := f.exprs(c)
	if *c.ListRule != "" {
		filters = append([]search.FilterData{search.FilterData(*c.ListRule)}, filters...)
	}
	if err := restrict(app, c, q, filters, params); err != nil {
		return nil, err
	}
	return q, nil
}

// restrict adds filters, resolved for an anonymous reader, to q.
func restrict(app core.App, c *core.Collection, q *dbx.SelectQuery, filters []search.FilterData, params dbx.Params) error {
	resolver := core.NewRecordFieldResolver(app, c, guestInfo(), true)
	for _, f := range filters {
		expr, err := f.BuildExpr(resolver, params)
		if err != nil {
			return fmt.Errorf("filter %s: %w", c.Name, err)
		}
		q.AndWhere(expr)
	}
	if err := resolver.UpdateQuery(q); err != nil {
		return fmt.Errorf("filter %s: %w", c.Name, err)
	}
	return nil
}

// enrich runs the read hooks on records as for an anonymous REST request with no ?expand nor
// ?fields, whatever the export's own URL holds.
func enrich(app core.App, records []*core.Record) error {
	req, err := http.NewRequest(http.MethodGet, "/api/maillage/export", nil)
	if err != nil {
		return fmt.Errorf("enrich request: %w", err)
	}
	guest := &core.RequestEvent{App: app}
	guest.Request = req
	if err := apis.EnrichRecords(guest, records); err != nil {
		return fmt.Errorf("enrich: %w", err)
	}
	return nil
}
