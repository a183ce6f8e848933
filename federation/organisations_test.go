package federation_test

import (
	"net/http"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// TestOrganisationActors: a public organisation is found by WebFinger as acct:<slug>@HOST, is a
// Group, and its outbox holds its public event and initiative only (not its private event, nor
// another organiser's event, which the territory's outbox does hold: control); a private
// organisation is found nowhere.
func TestOrganisationActors(t *testing.T) {
	w := newWorld(t)
	org := w.add(t, s.Organisations, map[string]any{"name": "Vélo Solidaire", "description": "Atelier"})
	hidden := w.add(t, s.Organisations, map[string]any{"name": "Cercle privé", s.FieldVisibility: s.VisibilityPrivate})
	ev := w.add(t, s.Events, map[string]any{"title": "Atelier vélo", "organiser": org.Id})
	w.add(t, s.Events, map[string]any{"title": "Réunion", "organiser": org.Id, s.FieldVisibility: s.VisibilityPrivate})
	w.add(t, s.Events, map[string]any{"title": "Fête de quartier"})
	place := w.add(t, s.Initiatives, map[string]any{"name": "Atelier du canal", "organisation": org.Id})
	actor := site + "/federation/organisations/" + org.Id
	jrd := w.get(t, "/.well-known/webfinger?resource=acct:velo-solidaire@example.com", "")
	if doc := decodeJSON(t, jrd.Body.String()); jrd.Code != http.StatusOK || doc["subject"] != "acct:velo-solidaire@example.com" ||
		doc["links"].([]any)[0].(map[string]any)["href"] != actor {
		t.Fatalf("webfinger: %d %s", jrd.Code, jrd.Body)
	}
	doc := w.activity(t, "/federation/organisations/"+org.Id)
	if doc["type"] != "Group" || doc["preferredUsername"] != "velo-solidaire" || doc["outbox"] != actor+"/outbox" {
		t.Fatalf("actor: %v", doc)
	}
	ids := map[string]bool{}
	for _, it := range w.activity(t, "/federation/organisations/"+org.Id+"/outbox?page=1")["orderedItems"].([]any) {
		ids[it.(map[string]any)["object"].(map[string]any)["id"].(string)] = true
	}
	if len(ids) != 2 || !ids[site+"/federation/objects/events/"+ev.Id] || !ids[site+"/federation/objects/initiatives/"+place.Id] {
		t.Fatalf("organisation's outbox: %v", ids)
	}
	if n := len(outboxItems(t, w)); n != 3 {
		t.Fatalf("territory's outbox: %d items, want 3", n)
	}
	for _, url := range []string{"/.well-known/webfinger?resource=acct:cercle-prive@example.com",
		"/federation/organisations/" + hidden.Id, "/federation/organisations/" + hidden.Id + "/outbox"} {
		if code := w.get(t, url, "application/activity+json").Code; code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", url, code)
		}
	}
}
