package server_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/hooks"
	s "github.com/maillage/maillage/schema"
)

// Founding a community makes its owner a coordinator of it in the same transaction, on every
// write path, so that a facilitator can post in the community they just founded. Negative
// control: with the rule unbound, the same post is refused as from a non-member.

const communitiesURL = "/api/collections/communities/records"

// found is a REST create of community id by viewer by, in their own name.
func found(t *testing.T, id, by string) tests.ApiScenario {
	return tests.ApiScenario{
		Name: by + " founds " + id, Method: http.MethodPost, URL: communitiesURL, Headers: auth(by),
		Body:           jsonBody(t, map[string]any{"id": id, "name": "Cyclistes de Stains", "owner": fx.viewer(by).id}),
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"id":"` + id + `"`},
	}
}

// postIn is a REST create, by viewer by, of a community initiative in community.
func postIn(t *testing.T, by, community string, status int, content string) tests.ApiScenario {
	return tests.ApiScenario{
		Name: by + " posts in " + community, Method: http.MethodPost, URL: initiativesURL, Headers: auth(by),
		Body: jsonBody(t, map[string]any{"name": "Atelier réparation", s.FieldAuthor: fx.viewer(by).id,
			s.FieldCommunity: community, s.FieldVisibility: s.VisibilityCommunity}),
		ExpectedStatus: status, ExpectedContent: []string{content},
	}
}

// roleIn returns the membership role of user in community, "" when they are not a member.
func roleIn(t testing.TB, app core.App, community, user string) string {
	t.Helper()
	ms, err := app.FindAllRecords(s.Memberships, dbxPair(community, user))
	if err != nil {
		t.Fatalf("memberships of %s in %s: %v", user, community, err)
	}
	if len(ms) > 1 {
		t.Fatalf("%d memberships of %s in %s, want at most one", len(ms), user, community)
	}
	if len(ms) == 0 {
		return ""
	}
	return ms[0].GetString("role")
}

func TestFoundingMakesTheOwnerACoordinator(t *testing.T) {
	app := cloneApp(t)
	run(t, app, found(t, "cyclistesstains", facilitator))
	if got := roleIn(t, app, "cyclistesstains", fx.viewer(facilitator).id); got != "coordinator" {
		t.Fatalf("founder's membership role: got %q, want coordinator", got)
	}
	run(t, app, postIn(t, facilitator, "cyclistesstains", http.StatusOK, `"community":"cyclistesstains"`))
}

func TestFoundingWithoutTheRuleLeavesTheOwnerOutside(t *testing.T) {
	app := cloneApp(t)
	app.OnRecordCreateExecute(s.Communities).Unbind(hooks.FoundersHookID)
	run(t, app, found(t, "cyclistesstains", facilitator))
	if got := roleIn(t, app, "cyclistesstains", fx.viewer(facilitator).id); got != "" {
		t.Fatalf("negative control: without the rule the founder is already a %q", got)
	}
	run(t, app, postIn(t, facilitator, "cyclistesstains", http.StatusBadRequest, `"author_not_member"`))
}

// A community founded through a batch (one transaction) has its owner as a coordinator, who
// can then post in it.
func TestFoundingThroughABatch(t *testing.T) {
	app := cloneApp(t)
	me := fx.viewer(facilitator).id
	sc := batchOf(t, map[string]any{"method": http.MethodPost, "url": communitiesURL,
		"body": map[string]any{"id": "velostainsbatch", "name": "Vélo Stains", "owner": me}})
	sc.Name, sc.Headers, sc.ExpectedStatus = "facilitator founds through a batch", auth(facilitator), http.StatusOK
	sc.ExpectedContent = []string{`"id":"velostainsbatch"`}
	run(t, app, sc)
	if got := roleIn(t, app, "velostainsbatch", me); got != "coordinator" {
		t.Fatalf("founder's membership role after the batch: got %q, want coordinator", got)
	}
	run(t, app, postIn(t, facilitator, "velostainsbatch", http.StatusOK, `"community":"velostainsbatch"`))
}

// Handing a community to someone makes them a coordinator and keeps the previous owner's
// membership; founding or handing it again to a member changes nothing.
func TestNewOwnersBecomeCoordinators(t *testing.T) {
	app := cloneApp(t)
	group, err := app.FindRecordById(s.Communities, fx.groupID)
	if err != nil {
		t.Fatal(err)
	}
	previous := group.GetString("owner")
	if got := roleIn(t, app, fx.groupID, previous); got != "coordinator" {
		t.Fatalf("seeded owner's role: got %q, want coordinator", got)
	}
	run(t, app, tests.ApiScenario{
		Name: "a moderator hands the group to a member", Method: http.MethodPatch, URL: communitiesURL + "/" + fx.groupID,
		Headers: auth(moderator), Body: jsonBody(t, map[string]any{"owner": fx.viewer(member).id}),
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"owner":"` + fx.viewer(member).id + `"`},
	})
	if got := roleIn(t, app, fx.groupID, fx.viewer(member).id); got != "member" {
		t.Errorf("a new owner who was a member keeps their membership as it was: got %q, want member", got)
	}
	group.Set("owner", fx.viewer(facilitator).id)
	if err := app.Save(group); err != nil {
		t.Fatalf("plain save handing the group to the facilitator: %v", err)
	}
	for user, want := range map[string]string{fx.viewer(facilitator).id: "coordinator", previous: "coordinator"} {
		if got := roleIn(t, app, fx.groupID, user); got != want {
			t.Errorf("role of %s after the hand-over: got %q, want %q", user, got, want)
		}
	}
}

// dbxPair selects the membership of user in community.
func dbxPair(community, user string) dbx.Expression {
	return dbx.HashExp{"community": community, "user": user}
}
