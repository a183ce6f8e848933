package server_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	s "github.com/maillage/maillage/schema"
)

// The moderation rules on the write paths besides REST and batch: sync push (it checks the
// same API rules and saves through the same model hooks), batch upserts, and superusers, who
// bypass the API rules (the dashboard) but not the model hooks.

// pushResult is the part of a sync push answer these tests read.
type pushResult struct {
	Results []struct {
		Mseq   int64  `json:"mseq"`
		Status string `json:"status"`
	} `json:"results"`
}

// push sends mutations to /api/sync/push as viewer by and returns each mutation's status.
func push(t *testing.T, app *tests.TestApp, by, clientID string, mutations ...map[string]any) []string {
	t.Helper()
	var got []string
	run(t, app, tests.ApiScenario{
		Name: by + " pushes", Method: http.MethodPost, URL: "/api/sync/push", Headers: auth(by),
		Body:           jsonBody(t, map[string]any{"clientId": clientID, "mutations": mutations}),
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"results":[`},
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			var r pushResult
			if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
				t.Fatalf("decode push: %v", err)
			}
			for _, m := range r.Results {
				got = append(got, m.Status)
			}
		},
	})
	return got
}

func TestSyncPushHonoursModeration(t *testing.T) {
	app := cloneApp(t)
	const mine, forged = "syncinitiative1", "syncinitiative2"
	got := push(t, app, resident, "residentphone01",
		map[string]any{"mseq": 1, "c": s.Initiatives, "id": mine, "op": "create", "fields": map[string]any{
			"name": "Frigo solidaire", s.FieldAuthor: fx.viewer(resident).id, s.FieldStatus: s.StatusPublished}},
		map[string]any{"mseq": 2, "c": s.Initiatives, "id": forged, "op": "create", "fields": map[string]any{
			"name": "Usurpation", s.FieldAuthor: fx.viewer(facilitator).id}},
		map[string]any{"mseq": 3, "c": s.Initiatives, "id": mine, "op": "update",
			"base": map[string]any{s.FieldStatus: s.StatusPending}, "fields": map[string]any{s.FieldStatus: s.StatusPublished}},
	)
	// The create is saved, pending: the status the phone asked for lost to the moderation hook
	// and is kept as a conflict row, as sync keeps every value it does not apply.
	want := []string{"conflict", "rejected", "rejected"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("push results: got %v, want %v", got, want)
	}
	if st := fieldOf(t, app, s.Initiatives, mine, s.FieldStatus); st != s.StatusPending {
		t.Errorf("resident's synced initiative: status %q, want pending", st)
	}
	if _, err := app.FindRecordById(s.Initiatives, forged); err == nil {
		t.Error("the initiative pushed in the facilitator's name was created")
	}

	id := publicInitiative(t)
	got = push(t, app, author, "authorphone0001", map[string]any{"mseq": 1, "c": s.Initiatives, "id": id, "op": "update",
		"base": map[string]any{s.FieldCommunity: ""}, "fields": map[string]any{s.FieldCommunity: fx.otherID}})
	if len(got) != 1 || got[0] != "rejected" {
		t.Errorf("sync move into a community the author is not in: got %v, want [rejected]", got)
	}
	if c := fieldOf(t, app, s.Initiatives, id, s.FieldCommunity); c != "" {
		t.Errorf("community after the refused move: got %q, want none", c)
	}
}

func TestBatchUpsertCannotForgeTheAuthor(t *testing.T) {
	app := cloneApp(t)
	sc := batchOf(t, map[string]any{"method": http.MethodPut, "url": initiativesURL, "body": map[string]any{
		"id": "upsertforged001", "name": "Usurpation", s.FieldAuthor: fx.viewer(facilitator).id}})
	sc.Name, sc.Headers, sc.ExpectedStatus, sc.ExpectedEvents = "resident's batch upsert as the facilitator", auth(resident), http.StatusBadRequest, noWrite
	sc.ExpectedContent = []string{`"requests":{"0":{"author":{"code":"author_not_you"`}
	run(t, app, sc)
}

func TestSuperusersBypassRulesNotHooks(t *testing.T) {
	app := cloneApp(t)
	root := newSuperuser(t, app)
	var id string
	run(t, app, tests.ApiScenario{
		Name: "superuser creates an initiative in a resident's name", Method: http.MethodPost, URL: initiativesURL,
		Headers: map[string]string{"Authorization": root},
		Body: jsonBody(t, map[string]any{"name": "Ressourcerie", s.FieldAuthor: fx.viewer(resident).id,
			s.FieldStatus: s.StatusPublished}),
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"status":"pending"`},
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) { id = decodeID(t, res.Body) },
	})
	run(t, app, tests.ApiScenario{
		Name: "superuser publishes it", Method: http.MethodPatch, URL: initiativesURL + "/" + id,
		Headers: map[string]string{"Authorization": root}, Body: jsonBody(t, map[string]any{s.FieldStatus: s.StatusPublished}),
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{`"status":"published"`},
	})
	run(t, app, tests.ApiScenario{
		Name: "superuser cannot file it under a community its author is not in", Method: http.MethodPatch,
		URL: initiativesURL + "/" + id, Headers: map[string]string{"Authorization": root},
		Body:           jsonBody(t, map[string]any{s.FieldCommunity: fx.groupID}),
		ExpectedStatus: http.StatusBadRequest, ExpectedContent: []string{`"community":{"code":"author_not_member"`},
	})
}

// newSuperuser saves a superuser in app and returns its auth token.
func newSuperuser(t *testing.T, app *tests.TestApp) string {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	su := core.NewRecord(c)
	su.SetEmail("root@example.org")
	su.SetPassword(testPassword)
	if err := app.Save(su); err != nil {
		t.Fatalf("save superuser: %v", err)
	}
	token, err := su.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// Provenance (source, externalId) is for imports, and geoOverride for moderators: a request
// cannot set them, through REST or sync (sync checks the bare rules, with no explanation layer
// in front, so it shows the rules themselves refuse).
func TestProtectedFields(t *testing.T) {
	app := cloneApp(t)
	me := fx.viewer(resident).id
	for _, c := range []struct{ field, code string }{
		{s.FieldSource, "provenance_imports_only"}, {s.FieldExternalID, "provenance_imports_only"},
	} {
		run(t, app, tests.ApiScenario{
			Name: "resident creates with " + c.field, Method: http.MethodPost, URL: initiativesURL, Headers: auth(resident),
			Body:           jsonBody(t, map[string]any{"name": "Faux import", s.FieldAuthor: me, c.field: "anct-france-services"}),
			ExpectedStatus: http.StatusBadRequest, ExpectedEvents: noWrite,
			ExpectedContent: []string{`"` + c.field + `":{"code":"` + c.code + `"`},
		})
	}
	run(t, app, tests.ApiScenario{
		Name: "resident accepts their own location outside the territory", Method: http.MethodPost, URL: initiativesURL,
		Headers: auth(resident), Body: jsonBody(t, map[string]any{"name": "Ailleurs", s.FieldAuthor: me, s.FieldGeoOverride: true}),
		ExpectedStatus: http.StatusBadRequest, ExpectedEvents: noWrite,
		ExpectedContent: []string{`"geoOverride":{"code":"geo_override_moderators_only"`},
	})
	id := create(t, app, resident, s.StatusPending) // the control: without them, the same create passes
	run(t, app, tests.ApiScenario{
		Name: "author sets the externalId of their record", Method: http.MethodPatch, URL: initiativesURL + "/" + id,
		Headers: auth(resident), Body: jsonBody(t, map[string]any{s.FieldExternalID: "fs-93066-01"}),
		ExpectedStatus: http.StatusBadRequest, ExpectedEvents: noWrite,
		ExpectedContent: []string{`"externalId":{"code":"provenance_imports_only"`},
	})
	got := push(t, app, resident, "residentphone02",
		map[string]any{"mseq": 1, "c": s.Initiatives, "id": "syncprovenance1", "op": "create", "fields": map[string]any{
			"name": "Faux import", s.FieldAuthor: me, s.FieldSource: "anct-france-services", s.FieldExternalID: "x"}},
		map[string]any{"mseq": 2, "c": s.Initiatives, "id": id, "op": "update",
			"base": map[string]any{s.FieldSource: ""}, "fields": map[string]any{s.FieldSource: "anct-france-services"}})
	if len(got) != 2 || got[0] != "rejected" || got[1] != "rejected" {
		t.Errorf("sync pushes setting provenance: got %v, want [rejected rejected]", got)
	}
}
