package server_test

import (
	"errors"
	"net/http"
	"testing"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/tests"

	s "github.com/maillage/maillage/schema"
)

// A record placed in a community is for that community's members, and its author must be one
// of them: on every write path (REST, batch, a plain save as the dashboard and sync do), a
// record cannot be moved into a community its author has not joined. The author belongs to
// the group community (fx.groupID), not to the other one (fx.otherID).

// publicInitiative returns the id of the seeded public, published initiative.
func publicInitiative(t *testing.T) string {
	t.Helper()
	for _, r := range fx.records {
		if r.coll == s.Initiatives && r.shape == shapePublic && r.status == s.StatusPublished && !r.deleted {
			return r.id
		}
	}
	t.Fatal("no public published initiative seeded")
	return ""
}

// move is a PATCH of the record's community by viewer by.
func move(t *testing.T, id, by, community string, status int) tests.ApiScenario {
	sc := tests.ApiScenario{
		Name: by + " moves the initiative to " + community, Method: http.MethodPatch, URL: initiativesURL + "/" + id,
		Body: jsonBody(t, map[string]any{s.FieldCommunity: community}), Headers: auth(by), ExpectedStatus: status,
		ExpectedContent: []string{`"community":"` + community + `"`},
	}
	if status != http.StatusOK {
		sc.ExpectedContent = []string{`"community":{"code":"author_not_member"`, `demandez à son ou sa responsable de l'y ajouter`}
		sc.ExpectedEvents = map[string]int{"OnModelUpdateExecute": 0}
		sc.AfterTestFunc = wantField(s.Initiatives, id, s.FieldCommunity, "")
	}
	return sc
}

func TestNoMoveIntoACommunityTheAuthorIsNotIn(t *testing.T) {
	app := cloneApp(t)
	id := publicInitiative(t)
	run(t, app, move(t, id, author, fx.otherID, http.StatusBadRequest))
	run(t, app, move(t, id, moderator, fx.otherID, http.StatusBadRequest))

	sc := batchOf(t, map[string]any{"method": http.MethodPatch, "url": initiativesURL + "/" + id,
		"body": map[string]any{s.FieldCommunity: fx.otherID}})
	sc.Name, sc.Headers, sc.ExpectedStatus = "author moves it through a batch", auth(author), http.StatusBadRequest
	sc.ExpectedContent = []string{`"requests":{"0":`, `"author_not_member"`}
	sc.AfterTestFunc = wantField(s.Initiatives, id, s.FieldCommunity, "")
	run(t, app, sc)

	rec, err := app.FindRecordById(s.Initiatives, id)
	if err != nil {
		t.Fatal(err)
	}
	rec.Set(s.FieldCommunity, fx.otherID)
	var verrs validation.Errors
	if err := app.Save(rec); !errors.As(err, &verrs) || verrs[s.FieldCommunity] == nil {
		t.Errorf("plain save (dashboard, sync) into another community: got %v, want a community field error", err)
	}

	// The control: the same move into the community the author belongs to goes through.
	run(t, app, move(t, id, author, fx.groupID, http.StatusOK))
}

func TestMembersLeavingKeepTheirRecords(t *testing.T) {
	app := cloneApp(t)
	id := publicInitiative(t)
	run(t, app, move(t, id, author, fx.groupID, http.StatusOK))
	m, err := app.FindFirstRecordByFilter(s.Memberships, "user = {:u}", map[string]any{"u": fx.authorID})
	if err != nil {
		t.Fatalf("author's membership: %v", err)
	}
	if err := app.Delete(m); err != nil {
		t.Fatal(err)
	}
	run(t, app, tests.ApiScenario{
		Name: "author edits the record after leaving its community", Method: http.MethodPatch,
		URL: initiativesURL + "/" + id, Body: jsonBody(t, map[string]any{"description": "Toujours là"}),
		Headers: auth(author), ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"community":"` + fx.groupID + `"`},
	})
}
