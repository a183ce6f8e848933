package server_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	s "github.com/maillage/maillage/schema"
)

// The create side of the rule matrix: every viewer creates, in every content collection, a
// record of every shape in their own name. Who may post where, and the moderation status the
// new record gets, come from the plain model below.

// createStatus is the model's answer to viewer p creating a record of shape: 401 when signed
// out, 400 when the record names a community p is not a member of (moderators excepted),
// otherwise 200.
func createStatus(p person, shape string) int {
	switch {
	case p.id == "":
		return http.StatusUnauthorized
	case shape == shapeCommunityGroup && !p.inGroup && p.role != s.RoleModerator:
		return http.StatusBadRequest
	default:
		return http.StatusOK
	}
}

// createdStatus is the moderation status a new record by p gets: residents wait for a moderator.
func createdStatus(p person) string {
	if p.role == s.RoleFacilitator || p.role == s.RoleModerator {
		return s.StatusPublished
	}
	return s.StatusPending
}

// createBody is a new record of coll with shape, by p, asking to be published.
func createBody(p person, coll, shape string) map[string]any {
	body := map[string]any{s.FieldAuthor: p.id, s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic}
	switch shape {
	case shapeCommunityAll:
		body[s.FieldVisibility] = s.VisibilityCommunity
	case shapeCommunityGroup:
		body[s.FieldVisibility], body[s.FieldCommunity] = s.VisibilityCommunity, fx.groupID
	case shapePrivate:
		body[s.FieldVisibility] = s.VisibilityPrivate
	}
	for k, v := range requiredFields[coll] {
		body[k] = v
	}
	return body
}

func TestCreateMatrix(t *testing.T) {
	app := cloneApp(t)
	codes := map[int]bool{}
	for _, p := range fx.viewers {
		for _, coll := range s.Content {
			for _, shape := range []string{shapePublic, shapeCommunityAll, shapeCommunityGroup, shapePrivate} {
				want := createStatus(p, shape)
				codes[want] = true
				run(t, app, createScenario(t, p, coll, shape, want))
			}
		}
	}
	if len(codes) != 3 {
		t.Errorf("the create matrix expects statuses %v, want 200, 400 and 401 among them", codes)
	}
}

// createScenario posts a new record and checks the answer against the model, and for a created
// record its stored moderation status, visibility and author.
func createScenario(t *testing.T, p person, coll, shape string, want int) tests.ApiScenario {
	sc := tests.ApiScenario{
		Name: coll + "/" + p.name + "/create/" + shape, Method: http.MethodPost,
		URL: "/api/collections/" + coll + "/records", Body: jsonBody(t, createBody(p, coll, shape)),
		ExpectedStatus: want, ExpectedEvents: noWrite,
	}
	if p.token != "" {
		sc.Headers = map[string]string{"Authorization": p.token}
	}
	switch want {
	case http.StatusOK:
		// One record of coll is written (others may follow it: the duplicate pairs a new place
		// makes for moderators are created after it succeeded).
		sc.ExpectedEvents = map[string]int{"OnRecordCreateRequest": 1}
		sc.ExpectedContent = []string{`"status":"` + createdStatus(p) + `"`, `"author":"` + p.id + `"`}
		var before int64
		sc.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, _ *core.ServeEvent) {
			before, _ = app.CountRecords(coll)
		}
		sc.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
			if after, _ := app.CountRecords(coll); after != before+1 {
				t.Errorf("%s: got %d records after the create, want %d", coll, after, before+1)
			}
			var got struct{ ID string }
			if err := json.NewDecoder(res.Body).Decode(&got); err != nil {
				t.Fatalf("decode: %v", err)
			}
			stored, err := app.FindRecordById(coll, got.ID)
			if err != nil {
				t.Fatalf("created record not stored: %v", err)
			}
			if st := stored.GetString(s.FieldStatus); st != createdStatus(p) {
				t.Errorf("stored status: got %q, want %q", st, createdStatus(p))
			}
		}
	case http.StatusBadRequest:
		sc.ExpectedContent = []string{`"community":{"code":"author_not_member"`}
	case http.StatusUnauthorized:
		sc.ExpectedContent = []string{`Connectez-vous pour ajouter un contenu.`}
	}
	return sc
}
