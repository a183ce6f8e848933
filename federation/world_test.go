package federation_test

import (
	"encoding/json"
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
	s "github.com/maillage/maillage/schema"
)

// basilique is a point of Saint-Denis (lon, lat).
var basilique = [2]float64{2.3596, 48.9356}

// site is the address test requests are made to (httptest's default host).
const site = "http://example.com"

// world is a test app with Plaine Commune's communes, served as in production.
type world struct {
	app *tests.TestApp
	mux http.Handler
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{app: testapp.New(t, server.Config{})}
	data := fixtures.Read(t, "boundaries", "plaine-commune-9-communes.geojson")
	if _, err := geoapi.ImportTerritory(w.app, data, geoapi.ImportOptions{Territory: "Plaine Commune"}); err != nil {
		t.Fatalf("import communes: %v", err)
	}
	return w
}

// add saves a published public record of collection at basilique with fields on top, with no
// author, as an import does.
func (w *world) add(t *testing.T, collection string, fields map[string]any) *core.Record {
	t.Helper()
	all := map[string]any{
		s.FieldGeo:    map[string]any{"lon": basilique[0], "lat": basilique[1]},
		s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic,
	}
	if collection == s.Events {
		all["title"], all["start"] = "Atelier", "2026-12-05 14:00:00.000Z"
	} else {
		all["name"] = "Lieu"
	}
	for k, v := range fields {
		all[k] = v
	}
	return testapp.NewRecord(t, w.app, collection, all)
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

// get runs GET url with the Accept header accept and returns the recorded answer.
func (w *world) get(t *testing.T, url, accept string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, url, nil)
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	rec := httptest.NewRecorder()
	w.serve(t).ServeHTTP(rec, req)
	return rec
}

// activity runs GET url asking for ActivityStreams, checks the answer is 200 activity+json and
// decodes it.
func (w *world) activity(t *testing.T, url string) map[string]any {
	t.Helper()
	rec := w.get(t, url, "application/activity+json")
	if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/activity+json") {
		t.Fatalf("GET %s: %d %s: %s", url, rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	return decodeJSON(t, rec.Body.String())
}

// decodeJSON decodes a JSON object.
func decodeJSON(t *testing.T, body string) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("decode %q: %v", body, err)
	}
	return doc
}

// start serves the world on a loopback HTTP server and returns its address.
func (w *world) start(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(w.serve(t))
	t.Cleanup(srv.Close)
	return srv.URL
}
