package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	s "github.com/maillage/maillage/schema"
)

// The scenarios of issue 2 about contributions: who publishes at once, who waits for a
// moderator, who may change a status, and that the batch API bypasses none of it.

const initiativesURL = "/api/collections/initiatives/records"

// create posts a new initiative as viewer by and returns its id, checking the status it got.
func create(t *testing.T, app *tests.TestApp, by, wantStatus string) string {
	t.Helper()
	var id string
	run(t, app, tests.ApiScenario{
		Name: by + " creates an initiative", Method: http.MethodPost, URL: initiativesURL, Headers: auth(by),
		Body: jsonBody(t, map[string]any{"name": "Repair café du Landy", s.FieldAuthor: fx.viewer(by).id,
			s.FieldStatus: s.StatusPublished}), // asking for published changes nothing for a resident
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"status":"` + wantStatus + `"`, `"visibility":"public"`},
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			id = decodeID(t, res.Body)
		},
	})
	if id == "" {
		t.Fatalf("%s: no initiative created", by)
	}
	return id
}

func decodeID(t testing.TB, body io.Reader) string {
	t.Helper()
	var r struct {
		ID string `json:"id"`
	}
	if err := json.NewDecoder(body).Decode(&r); err != nil {
		t.Fatalf("decode record: %v", err)
	}
	return r.ID
}

// expectView checks what viewer sees of record id: 200 with the record, or 404.
func expectView(t *testing.T, app *tests.TestApp, viewer, id string, visible bool) {
	t.Helper()
	sc := tests.ApiScenario{
		Name: viewer + " views it", Method: http.MethodGet, URL: initiativesURL + "/" + id,
		ExpectedStatus: http.StatusNotFound, ExpectedContent: []string{`"status":404`},
	}
	if viewer != anonymous {
		sc.Headers = auth(viewer)
	}
	if visible {
		sc.ExpectedStatus, sc.ExpectedContent = http.StatusOK, []string{`"id":"` + id + `"`}
	}
	run(t, app, sc)
}

// expectListed checks whether anonymous listing of initiatives shows record id.
func expectListed(t *testing.T, app *tests.TestApp, id string, listed bool) {
	t.Helper()
	sc := tests.ApiScenario{
		Name: "anonymous list", Method: http.MethodGet, URL: initiativesURL + "?perPage=500",
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"items":[`}, NotExpectedContent: []string{id},
	}
	if listed {
		sc.ExpectedContent, sc.NotExpectedContent = []string{`"id":"` + id + `"`}, nil
	}
	run(t, app, sc)
}

func TestResidentContributionWaitsForModerator(t *testing.T) {
	app := cloneApp(t)
	id := create(t, app, resident, s.StatusPending)
	expectListed(t, app, id, false)
	for viewer, visible := range map[string]bool{anonymous: false, member: false, facilitator: false, resident: true, moderator: true} {
		expectView(t, app, viewer, id, visible)
	}
	run(t, app, tests.ApiScenario{
		Name: "resident cannot publish their own initiative", Method: http.MethodPatch, URL: initiativesURL + "/" + id,
		Body: jsonBody(t, map[string]any{s.FieldStatus: s.StatusPublished}), Headers: auth(resident),
		ExpectedStatus: http.StatusBadRequest, ExpectedEvents: noWrite,
		ExpectedContent: []string{`"status":{"code":"status_moderators_only","message":"Seul·e un·e modérateur·ice`},
		AfterTestFunc:   wantField(s.Initiatives, id, s.FieldStatus, s.StatusPending),
	})
	run(t, app, tests.ApiScenario{
		Name: "resident still edits their own initiative", Method: http.MethodPatch, URL: initiativesURL + "/" + id,
		Body: jsonBody(t, map[string]any{"description": "Le samedi matin"}), Headers: auth(resident),
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"status":"pending"`},
		AfterTestFunc: wantField(s.Initiatives, id, "description", "Le samedi matin"),
	})
	run(t, app, tests.ApiScenario{
		Name: "moderator publishes it", Method: http.MethodPatch, URL: initiativesURL + "/" + id,
		Body: jsonBody(t, map[string]any{s.FieldStatus: s.StatusPublished}), Headers: auth(moderator),
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"status":"published"`},
		AfterTestFunc: wantField(s.Initiatives, id, s.FieldStatus, s.StatusPublished),
	})
	expectView(t, app, anonymous, id, true)
	expectListed(t, app, id, true)
}

func TestFacilitatorContributionIsPublic(t *testing.T) {
	app := cloneApp(t)
	id := create(t, app, facilitator, s.StatusPublished)
	expectListed(t, app, id, true)
	expectView(t, app, anonymous, id, true)
}

func TestAuthorMustBeTheRequester(t *testing.T) {
	app := cloneApp(t)
	for _, who := range []string{moderator, facilitator} {
		run(t, app, tests.ApiScenario{
			Name: "resident cannot create as " + who, Method: http.MethodPost, URL: initiativesURL, Headers: auth(resident),
			Body:           jsonBody(t, map[string]any{"name": "Usurpation", s.FieldAuthor: fx.viewer(who).id}),
			ExpectedStatus: http.StatusBadRequest, ExpectedEvents: noWrite,
			ExpectedContent: []string{`"author":{"code":"author_not_you"`, `on ne publie pas au nom de quelqu'un d'autre`},
		})
	}
	run(t, app, tests.ApiScenario{
		Name: "anonymous cannot create", Method: http.MethodPost, URL: initiativesURL,
		Body:           jsonBody(t, map[string]any{"name": "Anonyme"}),
		ExpectedStatus: http.StatusUnauthorized, ExpectedContent: []string{`Connectez-vous pour ajouter un contenu.`}, ExpectedEvents: noWrite,
	})
	id := create(t, app, resident, s.StatusPending)
	run(t, app, tests.ApiScenario{
		Name: "author cannot hand a record to someone else", Method: http.MethodPatch, URL: initiativesURL + "/" + id,
		Body: jsonBody(t, map[string]any{s.FieldAuthor: fx.viewer(member).id}), Headers: auth(resident),
		ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"author":{"code":"author_locked"`}, ExpectedEvents: noWrite,
		AfterTestFunc: wantField(s.Initiatives, id, s.FieldAuthor, fx.viewer(resident).id),
	})
}
