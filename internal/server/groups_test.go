package server_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	s "github.com/maillage/maillage/schema"
)

// Communities are founded by facilitators and moderators in their own name, and members are
// added by the community's owner or a moderator; a refusal says which of these failed.
func TestCommunitiesAndMemberships(t *testing.T) {
	app := cloneApp(t)
	community := func(name, by, owner string, status int, content string) tests.ApiScenario {
		sc := tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: "/api/collections/communities/records",
			Body:           jsonBody(t, map[string]any{"name": "Cyclistes de Stains", "owner": owner}),
			ExpectedStatus: status, ExpectedContent: []string{content},
		}
		if by != anonymous {
			sc.Headers = auth(by)
		}
		if status != http.StatusOK {
			sc.ExpectedEvents = noWrite
		}
		return sc
	}
	run(t, app, community("anonymous founds a community", anonymous, "", http.StatusUnauthorized, `Connectez-vous pour ajouter un contenu.`))
	run(t, app, community("resident founds a community", resident, fx.viewer(resident).id, http.StatusForbidden,
		`Seul·es les animateur·ices et les modérateur·ices fondent des communautés`))
	run(t, app, community("facilitator founds one in another's name", facilitator, fx.viewer(member).id,
		http.StatusBadRequest, `"owner":{"code":"owner_not_you"`))
	run(t, app, community("facilitator founds one", facilitator, fx.viewer(facilitator).id, http.StatusOK, `"name":"Cyclistes de Stains"`))

	join := func(name, by string, status int, content string) tests.ApiScenario {
		return tests.ApiScenario{
			Name: name, Method: http.MethodPost, URL: "/api/collections/memberships/records", Headers: auth(by),
			Body:           jsonBody(t, map[string]any{s.FieldCommunity: fx.groupID, "user": fx.viewer(resident).id, "role": "member"}),
			ExpectedStatus: status, ExpectedContent: []string{content},
		}
	}
	run(t, app, join("a member adds someone to the group", member, http.StatusForbidden, `Seul·e le ou la responsable de la communauté, ou un·e modérateur·ice, y ajoute des membres`))
	run(t, app, join("a moderator adds them", moderator, http.StatusOK, `"community":"`+fx.groupID+`"`))
}

func TestOnlyOwnersRunTheirCommunity(t *testing.T) {
	app := cloneApp(t)
	run(t, app, tests.ApiScenario{
		Name: "a member renames the group", Method: http.MethodPatch, URL: "/api/collections/communities/records/" + fx.groupID,
		Headers: auth(member), Body: jsonBody(t, map[string]any{"name": "Renommé"}),
		ExpectedStatus: http.StatusForbidden, ExpectedEvents: noWrite,
		ExpectedContent: []string{`Seul·e le ou la responsable de la communauté, ou un·e modérateur·ice, peut la modifier`},
		AfterTestFunc:   wantField(s.Communities, fx.groupID, "name", "Jardiniers du Landy"),
	})
	run(t, app, tests.ApiScenario{
		Name: "a moderator renames it", Method: http.MethodPatch, URL: "/api/collections/communities/records/" + fx.groupID,
		Headers: auth(moderator), Body: jsonBody(t, map[string]any{"name": "Jardinier·es du Landy"}),
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"name":"Jardinier·es du Landy"`},
	})
}
