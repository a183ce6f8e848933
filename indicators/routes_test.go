package indicators_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/indicators"
	s "github.com/maillage/maillage/schema"
)

// get asks the app for url in English, through the app's real router, and returns the
// status and body.
func get(t *testing.T, w *world, url string) (int, string) {
	t.Helper()
	if w.mux == nil {
		r, err := apis.NewRouter(w.app)
		if err != nil {
			t.Fatal(err)
		}
		err = w.app.OnServe().Trigger(&core.ServeEvent{App: w.app, Router: r}, func(se *core.ServeEvent) error {
			w.mux, err = se.Router.BuildMux()
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	req := httptest.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Language", "en")
	rec := httptest.NewRecorder()
	w.mux.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// answer fetches the JSON figures.
func answer(t *testing.T, w *world, query string) indicators.Answer {
	t.Helper()
	status, body := get(t, w, indicators.PathIndicators+query)
	if status != http.StatusOK {
		t.Fatalf("%s: %d %s", query, status, body)
	}
	var a indicators.Answer
	if err := json.Unmarshal([]byte(body), &a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestRouteRefusesBadParameters: malformed months, a reversed or too long range, an unknown
// commune or format get a 400 saying what is wrong; well-formed ones (the control) a 200.
func TestRouteRefusesBadParameters(t *testing.T) {
	w := newWorld(t, 1)
	bad := map[string]string{
		"?from=2026-13&to=2026-12":           "must be a month written YYYY-MM",
		"?from=2026-01&to=26-12":             "must be a month written YYYY-MM",
		"?from=2026-05&to=2026-01":           "must come before the last month",
		"?from=1990-01&to=2026-01":           "at most 240 months",
		"?commune=nothere&from=2026-01":      "This commune does not exist",
		"?from=2026-01&to=2026-02&format=xm": "Unknown format",
	}
	for query, want := range bad {
		status, body := get(t, w, indicators.PathIndicators+query)
		if status != http.StatusBadRequest || !strings.Contains(body, want) {
			t.Errorf("%s: %d %s, want 400 saying %q", query, status, body, want)
		}
	}
	for _, query := range []string{"", "?from=2026-01&to=2026-12", "?commune=" + w.communes[0], "?format=csv"} {
		if status, body := get(t, w, indicators.PathIndicators+query); status != http.StatusOK {
			t.Errorf("control %s: %d %s", query, status, body)
		}
	}
}

// publish saves an initiative of commune created in March 2026 with the given visibility,
// status and deleted flag (pending: by a resident, whose contributions wait for moderation).
func publish(t *testing.T, w *world, commune, visibility, status string, deleted bool) *core.Record {
	t.Helper()
	c, _ := w.app.FindCollectionByNameOrId(s.Initiatives)
	r := core.NewRecord(c)
	created, _ := types.ParseDateTime(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
	r.SetRaw(s.FieldCreated, created)
	r.Load(map[string]any{"name": "Jardin", s.FieldVisibility: visibility, s.FieldStatus: status,
		s.FieldDeleted: deleted, s.FieldCommune: commune, s.FieldAuthor: w.people[0]})
	if status == s.StatusPending {
		r.Set(s.FieldAuthor, w.people[3])
	}
	w.save(r)
	if got := r.GetString(s.FieldStatus) + r.GetString(s.FieldVisibility); got != status+visibility {
		t.Fatalf("saved as %s, want %s %s", got, status, visibility)
	}
	return r
}

// TestRouteAnswersCSV: the CSV has a header of the indicators and one row per month, with the
// commune's figures.
func TestRouteAnswersCSV(t *testing.T) {
	w := newWorld(t, 2)
	publish(t, w, w.communes[1], s.VisibilityPublic, s.StatusPublished, false)
	status, body := get(t, w, indicators.PathCSV+"?commune="+w.communes[1]+"&from=2026-02&to=2026-03")
	want := "month,initiatives,organisations,events,exchanges,contributors,suggestionsAccepted,proposals,ballots,imported,contributed,importedShare\n" +
		"2026-02,0,0,0,0,0,0,0,0,0,0,0\n2026-03,1,0,0,0,1,0,0,0,0,1,0\n"
	if status != http.StatusOK || body != want {
		t.Errorf("csv: %d\n%s\nwant\n%s", status, body, want)
	}
}

// TestRouteCountsOnlyPublicData: records that are private, for a community, pending or deleted
// move no figure; the control, a public published one, does.
func TestRouteCountsOnlyPublicData(t *testing.T) {
	w := newWorld(t, 3)
	query := "?commune=" + w.communes[0] + "&from=2026-01&to=2026-06"
	before := answer(t, w, query)
	publish(t, w, w.communes[0], s.VisibilityPrivate, s.StatusPublished, false)
	publish(t, w, w.communes[0], s.VisibilityCommunity, s.StatusPublished, false)
	publish(t, w, w.communes[0], s.VisibilityPublic, s.StatusPending, false)
	publish(t, w, w.communes[0], s.VisibilityPublic, s.StatusPublished, true)
	if after := answer(t, w, query); !sameFigures(before, after) {
		t.Errorf("hidden records moved the figures: %+v", after.Months[2])
	}
	publish(t, w, w.communes[0], s.VisibilityPublic, s.StatusPublished, false)
	after := answer(t, w, query)
	if sameFigures(before, after) || after.Months[2].Values[indicators.Initiatives] != 1 {
		t.Errorf("control: a public initiative did not count: %+v", after.Months[2])
	}
}

// sameFigures reports whether two answers hold the same figures.
func sameFigures(a, b indicators.Answer) bool {
	x, _ := json.Marshal(a.Months)
	y, _ := json.Marshal(b.Months)
	return string(x) == string(y)
}
