package federation_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/maillage/maillage/federation"
	s "github.com/maillage/maillage/schema"
)

// followActor posts r's signed Follow (or, with undo, its Undo) of the local actor object to
// the territory's inbox at site, and returns the status.
func followActor(t *testing.T, site string, r *remote, object string, undo bool) int {
	t.Helper()
	activity := map[string]any{"id": r.id() + "#follow-" + object, "type": "Follow", "actor": r.id(), "object": object}
	if undo {
		activity = map[string]any{"id": r.id() + "#undo", "type": "Undo", "actor": r.id(), "object": activity}
	}
	body, _ := json.Marshal(activity)
	return post(t, site+"/federation/territory/inbox", body, r.key, r.id()+"#main-key", time.Now())
}

// TestFollowAnOrganisation: a remote actor follows a public organisation's actor and is
// accepted by that actor; an event the organisation organises reaches it as a Create from the
// organisation's actor, while the territory's follower gets the territory's Create; each
// audience is its own followers (control: the territory's follower is not the organisation's);
// a private organisation cannot be followed; an Undo ends the follow of the organisation only.
func TestFollowAnOrganisation(t *testing.T) {
	defer federation.UseClientForTest(http.DefaultClient)()
	w := newWorld(t)
	site := w.start(t)
	w.app.Settings().Meta.AppURL = site
	org := w.add(t, s.Organisations, map[string]any{"name": "Vélo Solidaire"})
	closed := w.add(t, s.Organisations, map[string]any{"name": "Cercle", s.FieldVisibility: s.VisibilityPrivate})
	orgActor, territory := site+"/federation/organisations/"+org.Id, site+"/federation/territory"
	fan, neighbour := newRemote(t), newRemote(t)
	for _, r := range []*remote{fan, neighbour} {
		r.territory = rsaKey(t, w.activity(t, "/federation/territory")["publicKey"].(map[string]any)["publicKeyPem"].(string))
	}
	if st := followActor(t, site, fan, site+"/federation/organisations/"+closed.Id, false); st != http.StatusBadRequest {
		t.Fatalf("follow of a private organisation: status %d, want 400", st)
	}
	mustFollow(t, site, fan, orgActor)
	mustFollow(t, site, neighbour, territory)
	w.add(t, s.Events, map[string]any{"title": "Balade à vélo", s.EventFields.Organiser: org.Id})
	if c := fan.next(t, "Create"); c["actor"] != orgActor || c["object"].(map[string]any)["name"] != "Balade à vélo" {
		t.Fatalf("the organisation's follower got %v", c)
	}
	if c := neighbour.next(t, "Create"); c["actor"] != territory {
		t.Fatalf("the territory's follower got %v", c)
	}
	if got := federation.InboxesForTest(w.app, org.Id); !slices.Equal(got, []string{fan.srv.URL + "/inbox"}) {
		t.Fatalf("the organisation's audience: %v", got)
	}
	if got := federation.InboxesForTest(w.app, ""); !slices.Equal(got, []string{neighbour.srv.URL + "/inbox"}) {
		t.Fatalf("the territory's audience: %v", got)
	}
	if st := followActor(t, site, fan, orgActor, true); st != http.StatusAccepted || followers(t, w) != 1 {
		t.Fatalf("undo: status %d, %d followers left, want the territory's 1", st, followers(t, w))
	}
}

// mustFollow follows object as r and checks the Accept comes from object.
func mustFollow(t *testing.T, site string, r *remote, object string) {
	t.Helper()
	if st := followActor(t, site, r, object, false); st != http.StatusAccepted {
		t.Fatalf("follow of %s: status %d", object, st)
	}
	if a := r.next(t, "Accept"); a["actor"] != object {
		t.Fatalf("Accept from %v, want %s", a["actor"], object)
	}
}
