package demo_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/demo"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

type listed struct {
	TotalItems int `json:"totalItems"`
	Items      []struct {
		ID         string `json:"id"`
		Status     string `json:"status"`
		Visibility string `json:"visibility"`
		Source     string `json:"source"`
	} `json:"items"`
}

// TestAnonymousListing loads the demo the way `serve --demo` does (on serve) beside records that
// anonymous visitors must not see, and lists initiatives anonymously.
func TestAnonymousListing(t *testing.T) {
	d, err := demo.Data()
	if err != nil {
		t.Fatal(err)
	}
	var hidden []string
	(&tests.ApiScenario{
		Name:   "anonymous initiatives with --demo",
		Method: http.MethodGet,
		URL:    "/api/collections/initiatives/records?perPage=500",
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app := testapp.New(t, server.Config{Demo: true})
			resident, _ := testapp.NewUser(t, app, "resident@example.org", s.RoleResident)
			facilitator, _ := testapp.NewUser(t, app, "facilitator@example.org", s.RoleFacilitator)
			hidden = []string{
				testapp.NewRecord(t, app, s.Initiatives, map[string]any{"name": "Pending", s.FieldAuthor: resident.Id}).Id,
				testapp.NewRecord(t, app, s.Initiatives, map[string]any{"name": "Private", s.FieldAuthor: facilitator.Id, s.FieldVisibility: s.VisibilityPrivate}).Id,
			}
			return app
		},
		ExpectedStatus:  http.StatusOK,
		ExpectedContent: []string{`"totalItems":`},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			var body listed
			if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
				t.Fatal(err)
			}
			if len(body.Items) != len(d.Initiatives) {
				t.Errorf("anonymous sees %d initiatives, want the %d of the demo", len(body.Items), len(d.Initiatives))
			}
			for _, it := range body.Items {
				if it.Status != s.StatusPublished || it.Visibility != s.VisibilityPublic || it.Source == "" {
					t.Errorf("anonymous sees %s (%s, %s, source %q)", it.ID, it.Status, it.Visibility, it.Source)
				}
				for _, h := range hidden {
					if it.ID == h {
						t.Errorf("anonymous sees the non-public record %s", h)
					}
				}
			}
		},
	}).Test(t)
}

func TestCreditsRoute(t *testing.T) {
	scenarios := []tests.ApiScenario{
		{
			Name:   "with the demo loaded",
			Method: http.MethodGet, URL: demo.CreditsPath,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				app := testapp.New(t, server.Config{})
				if _, err := demo.Load(app); err != nil {
					t.Fatal(err)
				}
				return app
			},
			ExpectedStatus: http.StatusOK,
			ExpectedContent: []string{`"credits":[{`, `"producer":"ANCT`, `"licence":"Licence Ouverte / Etalab 2.0"`,
				`"licenceUrl":"https://www.etalab.gouv.fr/licence-ouverte-open-licence/"`, `"producer":"IGN, INSEE`},
		},
		{
			Name:   "on an empty database",
			Method: http.MethodGet, URL: demo.CreditsPath,
			TestAppFactory: func(t testing.TB) *tests.TestApp {
				return testapp.New(t, server.Config{})
			},
			ExpectedStatus:     http.StatusOK,
			ExpectedContent:    []string{`{"credits":[]}`},
			NotExpectedContent: []string{"ANCT"},
		},
	}
	for _, sc := range scenarios {
		sc.Test(t)
	}
}
