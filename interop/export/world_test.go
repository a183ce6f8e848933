package export_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/maillage/maillage/internal/fixtures"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop/export"
	s "github.com/maillage/maillage/schema"
)

// Places of Plaine Commune.
var (
	basilique   = [2]float64{2.3596, 48.9356} // Saint-Denis
	mairieAuber = [2]float64{2.3831, 48.9146} // Aubervilliers
)

// world is a test app with Plaine Commune's communes, public records, and records nobody but
// their author or a moderator may read, whose names all contain "Hidden".
type world struct {
	app                           *tests.TestApp
	mux                           http.Handler
	cfg                           export.Config
	modToken                      string
	org, initiative, event, other *core.Record
	offer                         *core.Record
	hidden                        []*core.Record
}

func newWorld(t *testing.T, cfg export.Config) *world {
	t.Helper()
	w := &world{app: testapp.New(t, server.Config{Export: cfg}), cfg: cfg.WithDefaults()}
	data := fixtures.Read(t, "boundaries", "plaine-commune-9-communes.geojson")
	if _, err := geoapi.ImportTerritory(w.app, data, geoapi.ImportOptions{Territory: "Plaine Commune"}); err != nil {
		t.Fatalf("import communes: %v", err)
	}
	_, w.modToken = testapp.NewUser(t, w.app, "mod@example.org", s.RoleModerator)
	w.org = w.add(t, s.Organisations, basilique, map[string]any{"name": "Collectif du canal"})
	w.initiative = w.add(t, s.Initiatives, basilique, map[string]any{"name": "Jardin des Joncherolles",
		"categories": []string{categoryID(t, w.app, "jardins-partages")}, "organisation": w.org.Id,
		"openingHours": "Sa 10:00-12:00"})
	w.event = w.add(t, s.Events, basilique, map[string]any{"title": "Atelier vélo du samedi",
		"start": "2026-12-05 14:00:00.000Z", "rrule": "FREQ=WEEKLY;BYDAY=SA", "timezone": "Europe/Paris",
		"organiser": w.org.Id, "categories": []string{categoryID(t, w.app, "velo")}})
	w.other = w.add(t, s.Events, mairieAuber, map[string]any{"title": "Distribution AMAP",
		"start": "2026-12-07 17:00:00.000Z", "categories": []string{categoryID(t, w.app, "amap")}})
	w.offer = w.add(t, s.Offers, basilique, map[string]any{"title": "Perceuse à prêter", "kind": "offer", "mode": "loan"})
	w.addHidden(t)
	return w
}

// addHidden saves, in every collection, a private, a pending, a community, a rejected and a
// deleted record.
func (w *world) addHidden(t *testing.T) {
	t.Helper()
	kinds := map[string]map[string]any{
		"private":   {s.FieldVisibility: s.VisibilityPrivate},
		"pending":   {s.FieldStatus: s.StatusPending},
		"community": {s.FieldVisibility: s.VisibilityCommunity},
		"rejected":  {s.FieldStatus: s.StatusRejected},
		"deleted":   {s.FieldDeleted: true},
	}
	for _, c := range s.Content {
		for kind, fields := range kinds {
			fields[nameField(c)] = "Hidden " + kind + " " + c
			w.hidden = append(w.hidden, w.add(t, c, basilique, fields))
		}
	}
}

// add saves a published public record of collection at p with fields on top; no author, as an
// import does.
func (w *world) add(t testing.TB, collection string, p [2]float64, fields map[string]any) *core.Record {
	t.Helper()
	all := map[string]any{
		s.FieldGeo: map[string]any{"lon": p[0], "lat": p[1]}, s.FieldStatus: s.StatusPublished,
		s.FieldVisibility: s.VisibilityPublic,
	}
	switch collection {
	case s.Events:
		all["title"], all["start"] = "Atelier", "2026-12-05 14:00:00.000Z"
	case s.Offers:
		all["title"], all["kind"], all["mode"] = "Offre", "offer", "gift"
	default:
		all["name"] = "Lieu"
	}
	for k, v := range fields {
		all[k] = v
	}
	return testapp.NewRecord(t, w.app, collection, all)
}

func nameField(collection string) string {
	if collection == s.Events || collection == s.Offers {
		return s.ContentFields.Title
	}
	return s.ContentFields.Name
}

// categoryID is the id of the category with slug.
func categoryID(t testing.TB, app core.App, slug string) string {
	t.Helper()
	r, err := app.FindFirstRecordByData(s.Categories, s.CategoryFields.Slug, slug)
	if err != nil {
		t.Fatalf("category %s: %v", slug, err)
	}
	return r.Id
}

// answer is one HTTP answer of the app.
type answer struct {
	status int
	header http.Header
	body   string
}

// serve builds the app's router as serving does (every OnServe handler runs), once.
func (w *world) serve(t *testing.T) http.Handler {
	t.Helper()
	if w.mux != nil {
		return w.mux
	}
	r, err := apis.NewRouter(w.app)
	if err != nil {
		t.Fatal(err)
	}
	se := &core.ServeEvent{App: w.app, Router: r}
	err = w.app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		w.mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatalf("serve: %v", err)
	}
	return w.mux
}

// get runs GET url with headers on the world's app and returns the answer.
func (w *world) get(t *testing.T, url string, headers map[string]string) answer {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, url, nil)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	w.serve(t).ServeHTTP(rec, req)
	return answer{rec.Code, rec.Header(), rec.Body.String()}
}

// ok runs GET url anonymously and fails unless the answer is 200.
func (w *world) ok(t *testing.T, url string) answer {
	t.Helper()
	a := w.get(t, url, nil)
	if a.status != http.StatusOK {
		t.Fatalf("GET %s: status %d, want 200: %s", url, a.status, a.body)
	}
	return a
}

// leaks lists the hidden records whose id or name a body shows.
func (w *world) leaks(body string) []string {
	var out []string
	for _, r := range w.hidden {
		if strings.Contains(body, r.Id) || strings.Contains(body, r.GetString(nameField(r.Collection().Name))) {
			out = append(out, r.Collection().Name+"/"+r.GetString(nameField(r.Collection().Name)))
		}
	}
	return out
}
