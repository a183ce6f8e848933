package federation_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/federation"
	s "github.com/maillage/maillage/schema"
)

// outboxItems reads every page of the outbox, checking the links between pages, and returns
// the Create activities in order.
func outboxItems(t *testing.T, w *world) []map[string]any {
	t.Helper()
	head := w.activity(t, "/federation/territory/outbox")
	if head["type"] != "OrderedCollection" {
		t.Fatalf("outbox: %v", head)
	}
	var items []map[string]any
	next, _ := head["first"].(string)
	for page := 1; next != ""; page++ {
		doc := w.activity(t, strings.TrimPrefix(next, site))
		if doc["type"] != "OrderedCollectionPage" || doc["partOf"] != head["id"] || (page > 1) != (doc["prev"] != nil) {
			t.Fatalf("page %d: %v", page, doc)
		}
		for _, it := range doc["orderedItems"].([]any) {
			items = append(items, it.(map[string]any))
		}
		next, _ = doc["next"].(string)
	}
	if fmt.Sprint(len(items)) != fmt.Sprint(head["totalItems"]) {
		t.Fatalf("%d items in the pages, totalItems %v", len(items), head["totalItems"])
	}
	return items
}

// TestOutbox: the outbox pages every public event and initiative once, newest first, as Create
// activities of an Event (dates, place with address and coordinates, PWA page) and a Place,
// which the package's own decoder reads back.
func TestOutbox(t *testing.T) {
	w := newWorld(t)
	var want []*core.Record
	for i := range federation.PageSize + 5 {
		want = append(want, w.add(t, s.Events, map[string]any{"title": fmt.Sprintf("Atelier %d", i),
			"start": "2026-12-05 14:00:00.000Z", "end": "2026-12-05 16:00:00.000Z", "place": "Bourse du travail",
			"description": "Venez <nombreux>"}))
	}
	garden := w.add(t, s.Initiatives, map[string]any{"name": "Jardin des Joncherolles", "address": "1 rue du Parc"})
	items := outboxItems(t, w)
	if len(items) != len(want)+1 || len(items) <= federation.PageSize {
		t.Fatalf("%d items, want %d over two pages", len(items), len(want)+1)
	}
	seen := map[string]bool{}
	for _, it := range items {
		object := it["object"].(map[string]any)
		if it["type"] != "Create" || it["actor"] != site+"/federation/territory" || seen[object["id"].(string)] {
			t.Fatalf("item: %v", it)
		}
		seen[object["id"].(string)] = true
	}
	checkEvent(t, w, want[0])
	place := w.activity(t, "/federation/objects/initiatives/"+garden.Id)
	address := place["address"].(map[string]any)
	if place["type"] != "Place" || place["latitude"] != basilique[1] || address["streetAddress"] != "1 rue du Parc" ||
		address["addressLocality"] != "Saint-Denis" {
		t.Errorf("initiative: %v", place)
	}
}

// checkEvent reads the object of ev in the outbox and decodes it as a remote Event.
func checkEvent(t *testing.T, w *world, ev *core.Record) {
	t.Helper()
	raw := w.get(t, "/federation/objects/events/"+ev.Id, "application/activity+json").Body.Bytes()
	doc, err := federation.Decode(raw)
	if err != nil {
		t.Fatalf("own event refused: %v", err)
	}
	got, err := doc.Event()
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != ev.GetString("title") || got.StartTime.Format("15:04") != "14:00" || got.EndTime.Format("15:04") != "16:00" ||
		got.Location.Name != "Bourse du travail" || got.Location.Locality != "Saint-Denis" ||
		got.Location.Latitude != basilique[1] || got.Location.Longitude != basilique[0] ||
		got.URL != site+"/#/i/events/"+ev.Id || got.Content != "<p>Venez &lt;nombreux&gt;</p>" {
		t.Errorf("event read back as %+v", got)
	}
}

// hiddenKinds are the records nobody but their author or a moderator reads.
var hiddenKinds = map[string]map[string]any{
	"private":   {s.FieldVisibility: s.VisibilityPrivate},
	"community": {s.FieldVisibility: s.VisibilityCommunity},
	"pending":   {s.FieldStatus: s.StatusPending},
	"rejected":  {s.FieldStatus: s.StatusRejected},
}

// addHidden saves one record of each hidden kind in both published collections, named
// "Hidden <kind>", and one public event.
func addHidden(t *testing.T, w *world) []*core.Record {
	t.Helper()
	w.add(t, s.Events, map[string]any{"title": "Fête de quartier"})
	var hidden []*core.Record
	for kind, fields := range hiddenKinds {
		ev := map[string]any{"title": "Hidden " + kind}
		place := map[string]any{"name": "Hidden " + kind}
		for k, v := range fields {
			ev[k], place[k] = v, v
		}
		hidden = append(hidden, w.add(t, s.Events, ev), w.add(t, s.Initiatives, place))
	}
	return hidden
}

// leaks lists the hidden records the outbox, NodeInfo's count or the objects' URLs show.
func leaks(t *testing.T, w *world, hidden []*core.Record) []string {
	t.Helper()
	var out []string
	for _, it := range outboxItems(t, w) {
		if name := it["object"].(map[string]any)["name"].(string); strings.HasPrefix(name, "Hidden") {
			out = append(out, "outbox: "+name)
		}
	}
	for _, r := range hidden {
		if rec := w.get(t, "/federation/objects/"+r.Collection().Name+"/"+r.Id, "application/activity+json"); rec.Code != http.StatusNotFound {
			out = append(out, "object: "+r.Collection().Name+"/"+r.GetString("title")+r.GetString("name"))
		}
	}
	return out
}

// TestOutboxHidesPrivate: private, community, pending and rejected events and initiatives are
// neither in the outbox nor served as objects; only the public event is published.
func TestOutboxHidesPrivate(t *testing.T) {
	w := newWorld(t)
	hidden := addHidden(t, w)
	if l := leaks(t, w, hidden); len(l) > 0 {
		t.Fatalf("leaked: %v", l)
	}
	if items := outboxItems(t, w); len(items) != 1 {
		t.Fatalf("%d items, want the public event alone", len(items))
	}
	deleted := w.add(t, s.Events, map[string]any{"title": "Hidden deleted"})
	deleted.Set(s.FieldDeleted, true)
	if err := w.app.Save(deleted); err != nil {
		t.Fatal(err)
	}
	if l := leaks(t, w, append(hidden, deleted)); len(l) > 0 {
		t.Fatalf("leaked after a deletion: %v", l)
	}
}

// TestOutboxLeakControl is the negative control: with the outbox's filter loosened to every
// record not deleted, the same check finds every hidden record, in the outbox and as an object.
func TestOutboxLeakControl(t *testing.T) {
	w := newWorld(t)
	hidden := addHidden(t, w)
	defer federation.LoosenForTest()()
	if l := leaks(t, w, hidden); len(l) != 2*len(hidden) {
		t.Fatalf("the loosened filter leaked only %v: the leak check would miss a leak", l)
	}
}
