package server_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// cell is one point of the rule matrix: a viewer doing an action on a collection, on one
// record (rec) or on the list (rec nil).
type cell struct {
	coll   string
	viewer person
	action string
	rec    *record
}

func (c cell) String() string {
	name := c.coll + "/" + c.viewer.name + "/" + c.action
	if c.rec != nil {
		name += "/" + c.rec.label()
	}
	return name
}

// outcome is what a cell answers: the HTTP status and the record ids in the body (the listed
// ids, sorted; or the id of the viewed or updated record).
type outcome struct {
	status int
	ids    []string
}

func (o outcome) equal(p outcome) bool {
	return o.status == p.status && slices.Equal(o.ids, p.ids)
}

func (o outcome) String() string { return fmt.Sprintf("%d %v", o.status, o.ids) }

// mismatch is a cell whose answer differs from the model's.
type mismatch struct {
	cell      cell
	want, got outcome
}

func (m mismatch) String() string { return fmt.Sprintf("%s: got %s, want %s", m.cell, m.got, m.want) }

// viewerCells lists the cells of viewer p over colls, deletes last so that a record deleted by
// a cell is never needed by a later one.
func viewerCells(f *fixture, p person, colls []string) []cell {
	var cells []cell
	for _, coll := range colls {
		cells = append(cells, cell{coll: coll, viewer: p, action: actList})
		for _, action := range []string{actView, actUpdate, actSetStatus, actDelete} {
			for i := range f.records {
				if f.records[i].coll == coll {
					cells = append(cells, cell{coll: coll, viewer: p, action: action, rec: &f.records[i]})
				}
			}
		}
	}
	return cells
}

// expected is the model's answer for c.
func expected(f *fixture, c cell) outcome { return strict.expected(f, c) }

// expected is m's answer for c.
func (m model) expected(f *fixture, c cell) outcome {
	if c.action == actList {
		var ids []string
		for _, r := range f.records {
			if r.coll == c.coll && m.read(c.viewer, r, f.authorID) {
				ids = append(ids, r.id)
			}
		}
		slices.Sort(ids)
		return outcome{status: http.StatusOK, ids: ids}
	}
	o := outcome{status: m.statusOf(c.action, c.viewer, *c.rec, f.authorID)}
	if o.status == http.StatusOK {
		o.ids = []string{c.rec.id}
	}
	return o
}

// httpRequest is the request a cell sends.
type httpRequest struct {
	method, url, body string
	headers           map[string]string
}

func requestOf(c cell) httpRequest {
	base := "/api/collections/" + c.coll + "/records"
	r := httpRequest{method: http.MethodGet, url: base + "?perPage=500&skipTotal=1&fields=id"}
	if c.rec != nil {
		r.url = base + "/" + c.rec.id + "?fields=id"
	}
	switch c.action {
	case actUpdate:
		r.method, r.body = http.MethodPatch, `{"description":"modifié par `+c.viewer.name+`"}`
	case actSetStatus:
		r.method, r.body = http.MethodPatch, `{"status":"archived"}`
	case actDelete:
		r.method = http.MethodDelete
	}
	if c.viewer.token != "" {
		r.headers = map[string]string{"Authorization": c.viewer.token}
	}
	return r
}

// readOutcome parses a response into an outcome: ids from a list page or from one record.
func readOutcome(status int, body []byte) (outcome, error) {
	o := outcome{status: status}
	if status != http.StatusOK {
		return o, nil
	}
	var page struct {
		ID    string `json:"id"`
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return o, fmt.Errorf("decode %s: %w", body, err)
	}
	if page.ID != "" {
		o.ids = []string{page.ID}
	}
	for _, it := range page.Items {
		o.ids = append(o.ids, it.ID)
	}
	slices.Sort(o.ids)
	return o, nil
}

// runScenarios runs cells as tests.ApiScenario subtests of t against app, failing t on every
// cell that differs from the model, and returns the mismatches.
func runScenarios(t *testing.T, f *fixture, app *tests.TestApp, cells []cell) []mismatch {
	var found []mismatch
	for _, c := range cells {
		scenario := scenarioOf(f, app, c, func(got outcome) {
			if want := expected(f, c); !got.equal(want) {
				found = append(found, mismatch{cell: c, want: want, got: got})
			}
		})
		scenario.Test(t)
	}
	return found
}

// scenarioOf turns c into an ApiScenario expecting the model's status; seen gets the outcome.
func scenarioOf(f *fixture, app *tests.TestApp, c cell, seen func(outcome)) tests.ApiScenario {
	want, req := expected(f, c), requestOf(c)
	sc := tests.ApiScenario{
		Name: c.String(), Method: req.method, URL: req.url, Headers: req.headers,
		Body:                  strings.NewReader(req.body),
		ExpectedStatus:        want.status,
		TestAppFactory:        func(testing.TB) *tests.TestApp { return app },
		DisableTestAppCleanup: true, // one app per viewer, cleaned up by testapp.Clone
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			body, _ := io.ReadAll(res.Body)
			got, err := readOutcome(res.StatusCode, body)
			if err != nil {
				t.Fatal(err)
			}
			if !got.equal(want) {
				t.Errorf("got %s, want %s", got, want)
			}
			seen(got)
		},
	}
	if want.status != http.StatusNoContent {
		sc.ExpectedContent = []string{`"`} // any JSON body; ids are checked in AfterTestFunc
	}
	return sc
}

// collectMismatches sends cells to app through PocketBase's real router, as ApiScenario does,
// and returns the cells that differ from the model instead of failing: the negative controls
// use it to show that the matrix notices a loosened rule.
func collectMismatches(tb testing.TB, f *fixture, app *tests.TestApp, cells []cell) []mismatch {
	tb.Helper()
	handler := newHandler(tb, app)
	var found []mismatch
	for _, c := range cells {
		req := requestOf(c)
		r := httptest.NewRequest(req.method, req.url, strings.NewReader(req.body))
		r.Header.Set("content-type", "application/json")
		for k, v := range req.headers {
			r.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, r)
		got, err := readOutcome(rec.Code, rec.Body.Bytes())
		if err != nil {
			tb.Fatalf("%s: %v", c, err)
		}
		if want := expected(f, c); !got.equal(want) {
			found = append(found, mismatch{cell: c, want: want, got: got})
		}
	}
	return found
}

// newHandler builds app's router with every OnServe route, as ApiScenario and `serve` do.
func newHandler(tb testing.TB, app *tests.TestApp) http.Handler {
	tb.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		tb.Fatalf("router: %v", err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: router}, func(e *core.ServeEvent) error {
		m, err := e.Router.BuildMux()
		mux = m
		return err
	})
	if err != nil {
		tb.Fatalf("serve event: %v", err)
	}
	return mux
}
