package sources_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop/sources"
	s "github.com/maillage/maillage/schema"
)

// routeFixture is an app with one source served on loopback, its users and their tokens.
type routeFixture struct {
	sourceURL, sourceID            string
	superuser, moderator, resident string
	factory                        func(t testing.TB) *tests.TestApp
}

func newRouteFixture(t *testing.T) *routeFixture {
	fx := &routeFixture{sourceURL: serve(t, &feed{body: fixture(t)}).URL}
	seed := newApp(t, sources.Config{})
	src := newSource(t, seed, "france-services", fx.sourceURL+"/data.csv?key=secret-key",
		map[string]any{s.FieldSourceMapping: `{"fields": {"name": "lib_fs"}}`})
	fx.sourceID = src.Id
	testapp.NewRecord(t, seed, s.ImportRuns, map[string]any{s.FieldRunSource: src.Id, s.FieldRunStarted: "2026-01-02 03:04:05.000Z",
		s.FieldRunStatus: s.RunFailed, s.FieldRunCode: "source_fetch_status", s.FieldRunMessage: "earlier run"})
	_, fx.moderator = testapp.NewUser(t, seed, "moderator@example.org", s.RoleModerator)
	_, fx.resident = testapp.NewUser(t, seed, "resident@example.org", s.RoleResident)
	fx.superuser = superuserToken(t, seed)
	fx.factory = func(tb testing.TB) *tests.TestApp {
		return testapp.Clone(tb, seed.DataDir(), server.Config{Sources: sources.Config{AllowNetworks: loopback}})
	}
	return fx
}

// superuserToken creates a superuser and returns its auth token.
func superuserToken(t testing.TB, app core.App) string {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	su := core.NewRecord(c)
	su.SetEmail("admin@example.org")
	su.SetPassword("correct horse battery")
	if err := app.Save(su); err != nil {
		t.Fatal(err)
	}
	token, err := su.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return token
}

func TestRoutes(t *testing.T) {
	fx := newRouteFixture(t)
	auth := func(token string) map[string]string { return map[string]string{"Authorization": token} }
	runPath := strings.Replace(sources.PathRun, "{id}", fx.sourceID, 1)
	scenarios := []tests.ApiScenario{
		{Name: "anyone reads the credits, without URL or mapping", Method: http.MethodGet, URL: sources.PathCredits,
			ExpectedStatus:     200,
			ExpectedContent:    []string{`"sources":[{"name":"france-services","licence":"Licence Ouverte / Etalab 2.0","attribution":"ANCT"}]`},
			NotExpectedContent: []string{"secret-key", "lib_fs", "127.0.0.1"}},
		{Name: "a guest cannot run a source", Method: http.MethodPost, URL: runPath,
			ExpectedStatus: 401, ExpectedContent: []string{`"data":{}`}},
		{Name: "a moderator cannot run a source", Method: http.MethodPost, URL: runPath, Headers: auth(fx.moderator),
			ExpectedStatus: 403, ExpectedContent: []string{`"data":{}`}},
		{Name: "a superuser runs a source now", Method: http.MethodPost, URL: runPath, Headers: auth(fx.superuser),
			ExpectedStatus: 200, ExpectedContent: []string{`"status":"ok"`, `"createdCount":32`}},
		{Name: "an unknown source is not found", Method: http.MethodPost, Headers: auth(fx.superuser),
			URL: strings.Replace(sources.PathRun, "{id}", "nosuchsource123", 1), ExpectedStatus: 404, ExpectedContent: []string{`"data":{}`}},
		{Name: "the refusal is in the requester's language", Method: http.MethodPost,
			Headers: map[string]string{"Authorization": fx.superuser, "Accept-Language": "en-GB,en;q=0.9"},
			URL:     strings.Replace(sources.PathRun, "{id}", "nosuchsource123", 1), ExpectedStatus: 404,
			ExpectedContent: []string{`"message":"Source not found: it may have been deleted."`}},
		{Name: "a field error of a source is in the requester's language", Method: http.MethodPost,
			URL: "/api/collections/sources/records", Headers: map[string]string{"Authorization": fx.superuser, "Accept-Language": "en"},
			Body:           strings.NewReader(`{"name":"agenda","format":"ics","collection":"events","schedule":"every night","url":"https://example.org/a.ics"}`),
			ExpectedStatus: 400, ExpectedContent: []string{`"code":"source_schedule_invalid"`, `"message":"Unreadable schedule (`}},
		{Name: "a moderator cannot read sources (their URLs may hold keys)", Method: http.MethodGet,
			URL: "/api/collections/sources/records", Headers: auth(fx.moderator),
			ExpectedStatus: 403, ExpectedContent: []string{`"data":{}`}, NotExpectedContent: []string{"secret-key"}},
		{Name: "a moderator reads the runs", Method: http.MethodGet, URL: "/api/collections/importRuns/records", Headers: auth(fx.moderator),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":1`, `"message":"earlier run"`}},
		{Name: "a resident sees no run", Method: http.MethodGet, URL: "/api/collections/importRuns/records", Headers: auth(fx.resident),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}, NotExpectedContent: []string{"earlier run"}},
	}
	for _, sc := range scenarios {
		sc.TestAppFactory = fx.factory
		sc.Test(t)
	}
}
