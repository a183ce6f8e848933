package server_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	s "github.com/maillage/maillage/schema"
)

// The batch API is another write path: the same rules and hooks must hold through it.

// batchOf wraps requests into a POST /api/batch body.
func batchOf(t *testing.T, requests ...map[string]any) tests.ApiScenario {
	return tests.ApiScenario{Method: http.MethodPost, URL: "/api/batch", Body: jsonBody(t, map[string]any{"requests": requests})}
}

func TestBatchCannotBypassModeration(t *testing.T) {
	app := cloneApp(t)
	var id string
	sc := batchOf(t, map[string]any{"method": http.MethodPost, "url": initiativesURL, "body": map[string]any{
		"name": "Épicerie solidaire", s.FieldAuthor: fx.viewer(resident).id, s.FieldStatus: s.StatusPublished}})
	sc.Name, sc.Headers = "resident's batch create is pending", auth(resident)
	sc.ExpectedStatus, sc.ExpectedContent = http.StatusOK, []string{`"status":"pending"`}
	sc.AfterTestFunc = func(t testing.TB, _ *tests.TestApp, res *http.Response) {
		var results []struct {
			Body struct {
				ID string `json:"id"`
			} `json:"body"`
		}
		if err := json.NewDecoder(res.Body).Decode(&results); err != nil || len(results) != 1 {
			t.Fatalf("batch results: %v (%d results)", err, len(results))
		}
		id = results[0].Body.ID
	}
	run(t, app, sc)
	if id == "" {
		t.Fatal("batch created nothing")
	}
	if got := fieldOf(t, app, s.Initiatives, id, s.FieldStatus); got != s.StatusPending {
		t.Errorf("stored status: got %q, want %q", got, s.StatusPending)
	}
	batchStatus(t, app, resident, id, http.StatusBadRequest, s.StatusPending)
	batchStatus(t, app, moderator, id, http.StatusOK, s.StatusPublished)
}

// batchStatus sets the status of initiative id to published through the batch API as viewer by.
func batchStatus(t *testing.T, app *tests.TestApp, by, id string, status int, wantStatus string) {
	t.Helper()
	sc := batchOf(t, map[string]any{"method": http.MethodPatch, "url": initiativesURL + "/" + id,
		"body": map[string]any{s.FieldStatus: s.StatusPublished}})
	sc.Name, sc.Headers, sc.ExpectedStatus = by+" sets the status through a batch", auth(by), status
	sc.ExpectedContent = []string{`"status":"published"`}
	if status != http.StatusOK {
		sc.ExpectedContent = []string{`"requests":{"0":{"status":{"code":"status_moderators_only"`}
		sc.ExpectedEvents = noWrite
	}
	sc.AfterTestFunc = wantField(s.Initiatives, id, s.FieldStatus, wantStatus)
	run(t, app, sc)
}

func TestBatchCannotForgeTheAuthor(t *testing.T) {
	app := cloneApp(t)
	sc := batchOf(t, map[string]any{"method": http.MethodPost, "url": initiativesURL, "body": map[string]any{
		"name": "Usurpation", s.FieldAuthor: fx.viewer(facilitator).id}})
	sc.Name, sc.Headers = "resident's batch create as the facilitator is refused", auth(resident)
	sc.ExpectedStatus, sc.ExpectedEvents = http.StatusBadRequest, noWrite
	sc.ExpectedContent = []string{`"message":"Requête 0 du lot : `, `"requests":{"0":{"author":{"code":"author_not_you"`}
	sc.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		n, err := app.CountRecords(s.Initiatives)
		if err != nil {
			t.Fatal(err)
		}
		if want := int64(16); n != want { // the seeded records only
			t.Errorf("initiatives: got %d, want %d", n, want)
		}
	}
	run(t, app, sc)
}
