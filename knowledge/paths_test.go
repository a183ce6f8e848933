package knowledge_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/maillage/maillage/knowledge"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// hostileBody is a page body carrying a script, an event handler and a javascript: link.
const hostileBody = "Intro\n\n<script>alert(1)</script>\n\nUn <img src=x onerror=alert(1)> et [clic](javascript:alert(1))"

// TestBodySanitisedOnEveryWritePath: a page's Markdown is sanitised on save whatever writes it:
// a REST create, a REST update, and a sync push creating or updating the page offline; each
// stored body is exactly Sanitise's output (a push is answered "conflict" with the stored
// record, so that the device takes the sanitised body). The control: the hostile body is one Sanitise
// changes, so an unsanitised save would show.
func TestBodySanitisedOnEveryWritePath(t *testing.T) {
	want, err := knowledge.Sanitise(hostileBody)
	if err != nil || want == hostileBody || !strings.Contains(want, `\<script>`) {
		t.Fatalf("control: Sanitise(%q) = %q, %v; want the tags escaped", hostileBody, want, err)
	}
	w := newWorld(t)
	stored := map[string]string{}
	status, created := w.call(t, author, http.MethodPost, pagesPath, map[string]any{
		s.FieldPageTitle: "REST", s.FieldPageBody: hostileBody, s.FieldAuthor: w.people[author].ID()})
	if status != http.StatusOK {
		t.Fatalf("REST create: %d", status)
	}
	stored["REST create"] = bodyOf(t, w, created["id"].(string))
	page := w.page(t, shapes[0])
	if status, _ := w.call(t, author, http.MethodPatch, pagesPath+"/"+page.Id, map[string]any{s.FieldPageBody: hostileBody}); status != http.StatusOK {
		t.Fatalf("REST update: %d", status)
	}
	stored["REST update"] = bodyOf(t, w, page.Id)
	stored["sync create"] = bodyOf(t, w, pushCreate(t, w))
	other := w.page(t, shapes[0])
	other.Set(s.FieldPageBody, threeParagraphs) // the base pushBody's edit was made on
	if err := w.srv.App.Save(other); err != nil {
		t.Fatal(err)
	}
	res := pushBody(t, w.people[author].Device(), 1, other.Id, revOf(t, w.people[author], other.Id), hostileBody)
	if res.Status == ms.StatusRejected {
		t.Fatalf("sync update: %+v", res)
	}
	stored["sync update"] = bodyOf(t, w, other.Id)
	for path, got := range stored {
		if got != want {
			t.Errorf("%s stored %q, want %q", path, got, want)
		}
	}
}

// pushCreate creates a page with the hostile body through a sync push and returns its id.
func pushCreate(t *testing.T, w *world) string {
	t.Helper()
	raw := func(v string) json.RawMessage { b, _ := json.Marshal(v); return b }
	id := synctest.NewID()
	res := w.people[author].Device().Push(t, ms.PushRequest{Mutations: []ms.Mutation{{Mseq: 1, C: s.Pages, ID: id, Op: ms.OpCreate,
		Fields: map[string]json.RawMessage{s.FieldPageTitle: raw("Sync"), s.FieldPageBody: raw(hostileBody),
			s.FieldAuthor: raw(w.people[author].ID())}}}})
	if len(res.Results) != 1 || res.Results[0].Status == ms.StatusRejected {
		t.Fatalf("sync create: %+v", res)
	}
	return id
}
