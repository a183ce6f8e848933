package server_test

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	pt "github.com/maillage/maillage/photos/phototest"
	s "github.com/maillage/maillage/schema"
)

// The language middleware only rewrites errors: PocketBase's realtime stream, stored files
// and the static PWA answer the same with it as without it, over real HTTP.

// serveHTTP serves app's router over real HTTP, without the router middlewares named in unbind.
func serveHTTP(t *testing.T, app core.App, unbind ...string) string {
	t.Helper()
	srv := httptest.NewServer(testapp.Router(t, app, unbind...))
	t.Cleanup(srv.Close)
	return srv.URL
}

// answer is what a route answered: status, content type and body (the first event of a
// stream).
type answer struct{ status, contentType, body string }

// get asks url in lang.
func get(t *testing.T, url, lang string, stream bool) answer {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Language", lang)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	a := answer{status: res.Status, contentType: res.Header.Get("Content-Type")}
	if stream {
		line, _ := bufio.NewReader(res.Body).ReadString('\n') // "id:…" of the connect event
		a.body = strings.SplitN(line, ":", 2)[0]
		return a
	}
	body, _ := io.ReadAll(res.Body)
	a.body = string(body)
	return a
}

func TestLanguageMiddlewareLeavesStreamsFilesAndPagesAlone(t *testing.T) {
	page := "<!doctype html><title>Maillage</title>"
	app := testapp.New(t, server.Config{Public: fstest.MapFS{"index.html": {Data: []byte(page)}}})
	photo := storedPhoto(t, app)
	with, without := serveHTTP(t, app), serveHTTP(t, app, i18n.MiddlewareID)
	for _, c := range []struct {
		name, path string
		stream     bool
	}{
		{"realtime", "/api/realtime", true},
		{"file", photo, false},
		{"static page", "/", false},
		{"static fallback", "/agenda", false},
	} {
		got, want := get(t, with+c.path, "fr", c.stream), get(t, without+c.path, "fr", c.stream)
		if got != want || !strings.HasPrefix(got.status, "200") {
			t.Errorf("%s: got %+v with the middleware, %+v without, want both 200 and equal", c.name, got, want)
		}
	}
	if got := get(t, with+"/", "fr", false); got.body != page {
		t.Errorf("static page: got %q, want the PWA's index", got.body)
	}
	// The control: the middleware is there, an error is written in French.
	const missing = "/api/files/initiatives/nope/nope.jpg"
	for url, want := range map[string]string{with: "Ce contenu est introuvable.", without: "The requested resource wasn't found."} {
		if got := get(t, url+missing, "fr", false); !strings.HasPrefix(got.status, "404") || !strings.Contains(got.body, want) {
			t.Errorf("a missing file: got %+v, want a 404 saying %q", got, want)
		}
	}
}

// storedPhoto saves an initiative with a photo and returns the photo's file path.
func storedPhoto(t *testing.T, app core.App) string {
	t.Helper()
	author, _ := testapp.NewUser(t, app, "photo@example.org", s.RoleFacilitator)
	file, err := filesystem.NewFileFromBytes(pt.JPEG(pt.Noise(64, 48)), "jardin.jpg")
	if err != nil {
		t.Fatal(err)
	}
	rec := testapp.NewRecord(t, app, s.Initiatives, map[string]any{
		"name": "Jardin", s.FieldAuthor: author.Id, s.FieldVisibility: s.VisibilityPublic, "photos": []*filesystem.File{file},
	})
	names := rec.GetStringSlice("photos")
	if len(names) != 1 {
		t.Fatalf("stored photos: %v", names)
	}
	return "/api/files/" + s.Initiatives + "/" + rec.Id + "/" + names[0]
}
