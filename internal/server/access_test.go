package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	s "github.com/maillage/maillage/schema"
)

// The scenarios of issue 2's "How it will be checked" about accounts and roles. Each test
// clones the seeded template and chains tests.ApiScenario steps on it.

// run runs sc as a subtest of t on app, which stays alive for the next steps.
func run(t *testing.T, app *tests.TestApp, sc tests.ApiScenario) {
	t.Helper()
	sc.TestAppFactory = func(testing.TB) *tests.TestApp { return app }
	sc.DisableTestAppCleanup = true // app belongs to the test (testapp.Clone cleans it up)
	sc.Test(t)
}

// jsonBody encodes v as a request body.
func jsonBody(t *testing.T, v any) io.Reader {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode body: %v", err)
	}
	return bytes.NewReader(b)
}

// auth is the Authorization header of viewer name.
func auth(name string) map[string]string {
	return map[string]string{"Authorization": fx.viewer(name).token}
}

// fieldOf reads a field of a record straight from the database.
func fieldOf(t testing.TB, app *tests.TestApp, coll, id, field string) string {
	t.Helper()
	r, err := app.FindRecordById(coll, id)
	if err != nil {
		t.Fatalf("find %s %s: %v", coll, id, err)
	}
	return r.GetString(field)
}

// wantField is an AfterTestFunc checking a field's value in the database after the request.
func wantField(coll, id, field, want string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if got := fieldOf(t, app, coll, id, field); got != want {
			t.Errorf("%s of %s %s: got %q, want %q", field, coll, id, got, want)
		}
	}
}

// noWrite pins that a refused request saved nothing.
var noWrite = map[string]int{"OnModelCreate": 0, "OnModelUpdate": 0, "OnModelDelete": 0}

func TestSignUpMakesResidents(t *testing.T) {
	app := cloneApp(t)
	signUp := func(email string, extra map[string]any) io.Reader {
		b := map[string]any{"email": email, "password": testPassword, "passwordConfirm": testPassword, "name": "Awa"}
		for k, v := range extra {
			b[k] = v
		}
		return jsonBody(t, b)
	}
	run(t, app, tests.ApiScenario{
		Name: "anonymous sign-up makes a resident", Method: http.MethodPost, URL: "/api/collections/users/records",
		Body: signUp("awa@example.org", nil), ExpectedStatus: http.StatusOK,
		ExpectedContent: []string{`"id":"`}, NotExpectedContent: []string{`"password"`},
		ExpectedEvents: map[string]int{"OnModelCreate": 1},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			u, err := app.FindAuthRecordByEmail(s.Users, "awa@example.org")
			if err != nil {
				t.Fatalf("new user not saved: %v", err)
			}
			for field, want := range map[string]string{s.FieldRole: s.RoleResident, s.FieldProfileVisibility: "members", s.FieldLocale: ""} {
				if got := u.GetString(field); got != want {
					t.Errorf("%s: got %q, want %q", field, got, want)
				}
			}
		},
	})
	for _, role := range []string{s.RoleModerator, s.RoleFacilitator} {
		email := role + "-signup@example.org"
		run(t, app, tests.ApiScenario{
			Name: "sign-up as " + role + " is refused", Method: http.MethodPost, URL: "/api/collections/users/records",
			Body: signUp(email, map[string]any{s.FieldRole: role}), ExpectedStatus: http.StatusBadRequest,
			ExpectedContent: []string{`"role":{"code":"role_on_signup"`}, ExpectedEvents: noWrite,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if _, err := app.FindAuthRecordByEmail(s.Users, email); err == nil {
					t.Errorf("user %s was created", email)
				}
			},
		})
	}
}

// roleChange is one attempt to set a user's role.
type roleChange struct {
	name, by, target, role string
	status                 int
	wantRole               string
}

func TestRoleChanges(t *testing.T) {
	changes := []roleChange{
		{"resident cannot make themself facilitator", resident, resident, s.RoleFacilitator, 400, s.RoleResident},
		{"resident cannot make themself moderator", resident, resident, s.RoleModerator, 400, s.RoleResident},
		{"facilitator cannot make themself moderator", facilitator, facilitator, s.RoleModerator, 400, s.RoleFacilitator},
		{"facilitator cannot promote a resident", facilitator, member, s.RoleFacilitator, 403, s.RoleResident},
		{"moderator cannot make a resident moderator", moderator, member, s.RoleModerator, 400, s.RoleResident},
		{"moderator cannot change their own role", moderator, moderator, s.RoleFacilitator, 400, s.RoleModerator},
		{"moderator makes a resident facilitator", moderator, member, s.RoleFacilitator, 200, s.RoleFacilitator},
		{"moderator makes a facilitator resident again", moderator, facilitator, s.RoleResident, 200, s.RoleResident},
	}
	for _, c := range changes {
		app := cloneApp(t)
		target := fx.viewer(c.target).id
		sc := tests.ApiScenario{
			Name: c.name, Method: http.MethodPatch, URL: "/api/collections/users/records/" + target,
			Body: jsonBody(t, map[string]any{s.FieldRole: c.role}), Headers: auth(c.by),
			ExpectedStatus: c.status, ExpectedContent: []string{`"role":{"code":"role_locked"`},
			AfterTestFunc: wantField(s.Users, target, s.FieldRole, c.wantRole),
		}
		switch c.status {
		case http.StatusOK:
			sc.ExpectedContent = []string{`"role":"` + c.role + `"`}
		case http.StatusForbidden:
			sc.ExpectedContent, sc.ExpectedEvents = []string{`Seul·e le ou la titulaire du compte peut le modifier`}, noWrite
		default:
			sc.ExpectedEvents = noWrite
		}
		run(t, app, sc)
	}
}

func TestUsersEditTheirOwnProfile(t *testing.T) {
	app := cloneApp(t)
	id := fx.viewer(resident).id
	run(t, app, tests.ApiScenario{
		Name: "resident renames themself", Method: http.MethodPatch, URL: "/api/collections/users/records/" + id,
		Body: jsonBody(t, map[string]any{"name": "Awa D."}), Headers: auth(resident),
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"name":"Awa D."`, `"role":"resident"`},
		AfterTestFunc: wantField(s.Users, id, "name", "Awa D."),
	})
	run(t, app, tests.ApiScenario{
		Name: "resident cannot rename someone else", Method: http.MethodPatch,
		URL:  "/api/collections/users/records/" + fx.viewer(member).id,
		Body: jsonBody(t, map[string]any{"name": "Pirate"}), Headers: auth(resident),
		ExpectedStatus: http.StatusForbidden, ExpectedContent: []string{`Seul·e le ou la titulaire du compte peut le modifier`}, ExpectedEvents: noWrite,
		AfterTestFunc: wantField(s.Users, fx.viewer(member).id, "name", member),
	})
}
