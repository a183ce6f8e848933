package federation_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/maillage/maillage/federation"
	s "github.com/maillage/maillage/schema"
)

// next waits for the remote inbox's next delivery and checks its signature and type.
func (r *remote) next(t *testing.T, kind string) map[string]any {
	t.Helper()
	d := <-r.deliveries
	if d.err != nil || d.activity["type"] != kind {
		t.Fatalf("delivery %v (signature: %v), want a %s", d.activity["type"], d.err, kind)
	}
	return d.activity
}

// TestDeliverToFollowers: once a remote actor follows, a public event reaches its inbox as a
// signed Create, its change as an Update, and its becoming private as a Delete; a private
// event sends nothing (the next delivery is the following public event's), and a public event
// removed from the database sends a Delete.
func TestDeliverToFollowers(t *testing.T) {
	defer federation.UseClientForTest(http.DefaultClient)()
	w := newWorld(t)
	site := w.start(t)
	w.app.Settings().Meta.AppURL = site
	r := newRemote(t)
	r.territory = rsaKey(t, w.activity(t, "/federation/territory")["publicKey"].(map[string]any)["publicKeyPem"].(string))
	follow, _ := json.Marshal(map[string]any{"id": r.id() + "#follow-1", "type": "Follow", "actor": r.id(),
		"object": site + "/federation/territory"})
	if status := post(t, site+"/federation/territory/inbox", follow, r.key, r.id()+"#main-key", time.Now()); status != http.StatusAccepted {
		t.Fatalf("follow: status %d", status)
	}
	r.next(t, "Accept")
	ev := w.add(t, s.Events, map[string]any{"title": "Atelier vélo"})
	created := r.next(t, "Create")["object"].(map[string]any)
	if created["type"] != "Event" || created["name"] != "Atelier vélo" || created["id"] != site+"/federation/objects/events/"+ev.Id {
		t.Fatalf("created: %v", created)
	}
	ev, err := w.app.FindRecordById(s.Events, ev.Id) // as the API loads it, with its original state
	if err != nil {
		t.Fatal(err)
	}
	ev.Set("title", "Atelier vélo (complet)")
	if err := w.app.Save(ev); err != nil {
		t.Fatal(err)
	}
	if updated := r.next(t, "Update")["object"].(map[string]any); updated["name"] != "Atelier vélo (complet)" {
		t.Fatalf("updated: %v", updated)
	}
	ev, _ = w.app.FindRecordById(s.Events, ev.Id)
	ev.Set(s.FieldVisibility, s.VisibilityPrivate)
	if err := w.app.Save(ev); err != nil {
		t.Fatal(err)
	}
	if gone := r.next(t, "Delete")["object"].(map[string]any); gone["id"] != created["id"] || gone["type"] != "Tombstone" {
		t.Fatalf("deleted: %v", gone)
	}
	w.add(t, s.Events, map[string]any{"title": "Hidden private", s.FieldVisibility: s.VisibilityPrivate})
	w.add(t, s.Events, map[string]any{"title": "Fête de quartier"})
	next := r.next(t, "Create")["object"].(map[string]any)
	if next["name"] != "Fête de quartier" {
		t.Fatalf("the private event was delivered: %v", next)
	}
	fete, _ := w.app.FindRecordById(s.Events, next["id"].(string)[len(site+"/federation/objects/events/"):])
	if err := w.app.Delete(fete); err != nil {
		t.Fatal(err)
	}
	if gone := r.next(t, "Delete")["object"].(map[string]any); gone["id"] != next["id"] {
		t.Fatalf("deleted: %v", gone)
	}
}
