package federation_test

import (
	"net/http"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// TestOffersPublished: a public offer is in the outbox as a Note and reaches the followers as
// the Create of a Note; a private one is neither served nor sent (control: the next delivery is
// the withdrawal of the public one); withdrawing the public offer sends a Delete and takes it
// out of the outbox.
func TestOffersPublished(t *testing.T) {
	heard := hearAttempts(t)
	w, site := startFederated(t, http.DefaultClient)
	r := newReceiver(t, 0)
	w.follow(t, r.actorURL("", "1"), r.inboxURL("", "1"))
	offer := w.add(t, s.Offers, map[string]any{"title": "Perceuse à prêter", "kind": "offer", "mode": "loan",
		"description": "Avec ses mèches", s.OfferFields.State: s.OfferOpen})
	secret := w.add(t, s.Offers, map[string]any{"title": "Offre privée", "kind": "offer", "mode": "gift",
		s.FieldVisibility: s.VisibilityPrivate})
	id := site + "/federation/objects/offers/" + offer.Id
	if a := <-heard; a.err != nil {
		t.Fatalf("delivery: %+v", a)
	}
	note := w.activity(t, "/federation/objects/offers/"+offer.Id)
	if note["type"] != "Note" || note["name"] != "Perceuse à prêter" || note["content"] != "<p>Avec ses mèches</p>" || note["id"] != id {
		t.Fatalf("offer object: %v", note)
	}
	if items := outboxItems(t, w); len(items) != 1 || items[0]["object"].(map[string]any)["id"] != id {
		t.Fatalf("outbox: %v", items)
	}
	if code := w.get(t, "/federation/objects/offers/"+secret.Id, "application/activity+json").Code; code != http.StatusNotFound {
		t.Fatalf("private offer served: %d", code)
	}
	offer, _ = w.app.FindRecordById(s.Offers, offer.Id)
	offer.Set(s.OfferFields.State, s.OfferWithdrawn)
	if err := w.app.Save(offer); err != nil {
		t.Fatal(err)
	}
	if a := <-heard; a.err != nil {
		t.Fatalf("delivery: %+v", a)
	}
	got := r.accepted()
	if len(got) != 2 || got[0].activity["type"] != "Create" || got[0].activity["object"].(map[string]any)["type"] != "Note" ||
		got[1].activity["type"] != "Delete" || got[1].activity["object"].(map[string]any)["id"] != id {
		t.Fatalf("deliveries: %+v", got)
	}
	if items := outboxItems(t, w); len(items) != 0 {
		t.Fatalf("withdrawn offer still in the outbox: %v", items)
	}
}
