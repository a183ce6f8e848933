package federation_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/federation"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// followed is an instance that follows a remote test actor (accepted), with the remote's
// signed deliveries to its inbox.
type followed struct {
	in *instance
	r  *remote
}

// newFollowed makes an instance follow a loopback remote actor, checks the signed Follow the
// remote receives, and has the remote accept it.
func newFollowed(t *testing.T) *followed {
	t.Helper()
	t.Setenv(federation.AllowPrivateEnv, "1")
	f := &followed{in: newInstance(t), r: newRemote(t)}
	f.r.territory = rsaKey(t, f.in.activity(t, "/federation/territory")["publicKey"].(map[string]any)["publicKeyPem"].(string))
	testapp.NewRecord(t, f.in.app, s.FederationFollowing, map[string]any{"target": f.r.id()})
	follow := f.r.next(t, "Follow")
	if follow["actor"] != f.in.actor() || follow["object"] != f.r.id() {
		t.Fatalf("Follow: %v", follow)
	}
	f.send(t, map[string]any{"id": f.r.id() + "#accept", "type": "Accept", "actor": f.r.id(), "object": follow["id"]}, http.StatusAccepted)
	if state := f.in.following(f.r.id()).GetString("state"); state != s.FollowAccepted {
		t.Fatalf("state after the Accept: %q", state)
	}
	return f
}

// send posts activity to the instance's inbox signed by the remote, and checks the status.
func (f *followed) send(t *testing.T, activity map[string]any, want int) {
	t.Helper()
	body, _ := json.Marshal(activity)
	if status := post(t, f.in.url+"/federation/territory/inbox", body, f.r.key, f.r.id()+"#main-key", time.Now()); status != want {
		t.Fatalf("%v of %v: status %d, want %d", activity["type"], activity["id"], status, want)
	}
}

// fixture reads a Create of federation/testdata/events as if the remote had sent it: its
// ids on the remote's host, its actor the remote.
func (f *followed) fixture(t *testing.T, name, origin string) map[string]any {
	t.Helper()
	data, err := os.ReadFile("testdata/events/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(strings.ReplaceAll(string(data), origin, f.r.srv.URL)), &doc); err != nil {
		t.Fatal(err)
	}
	doc["actor"] = f.r.id()
	return doc
}

// eventOf returns the event the instance imported as id, as the API shows it.
func (f *followed) eventOf(t *testing.T, id string) map[string]any {
	t.Helper()
	rec := f.in.imported(s.Events, id)
	if rec == nil {
		t.Fatalf("no event imported as %s", id)
	}
	return rec.PublicExport()
}

// TestReceiveMobilizonAndGancio: Mobilizon's and Gancio's Create of an Event (the fixtures, on
// the followed actor's host) are imported with their name, dates, place and address, the
// description as text, the followed actor's source and the object's id; Mobilizon's Place with
// coordinates is placed there. An Update changes the record, a Delete of a Tombstone removes it,
// and an Announce of a Create (as a Mobilizon group relays its members' events) is read too.
func TestReceiveMobilizonAndGancio(t *testing.T) {
	f := newFollowed(t)
	mobilizon := f.fixture(t, "mobilizon-post-activity.json", "https://test.mobilizon.org")
	location := mobilizon["object"].(map[string]any)["location"].(map[string]any)
	location["latitude"], location["longitude"] = basilique[1], basilique[0]
	f.send(t, mobilizon, http.StatusAccepted)
	id := f.r.srv.URL + "/events/39026210-0c69-4238-b3cc-986f33f98ed0"
	ev := f.eventOf(t, id)
	checkFields(t, ev, map[string]string{"title": "My first event", "description": "@tcit",
		"start": "2018-02-12 14:08:20", "source": f.in.following(f.r.id()).GetString("source"), "registrationUrl": id})
	if place := ev["place"].(string); !strings.Contains(place, "Locaux de Framasoft") || !strings.Contains(place, "10 Rue Jangot") {
		t.Errorf("place %q, want the Place's name and address", place)
	}
	if !atBasilique(ev) {
		t.Errorf("geo %v, want the Place's coordinates", ev["geo"])
	}
	gancio := f.fixture(t, "gancio-event-activity.json", "https://demo.gancio.org")
	f.send(t, gancio, http.StatusAccepted)
	checkFields(t, f.eventOf(t, f.r.srv.URL+"/federation/m/1"), map[string]string{"title": "Demo event",
		"start": "2021-07-14 15:30:57", "end": "2021-07-14 16:30:57", "place": "Colosseo",
		"registrationUrl": f.r.srv.URL + "/event/demo-event"})
	update := f.fixture(t, "gancio-event-activity.json", "https://demo.gancio.org")
	update["type"], update["object"].(map[string]any)["name"] = "Update", "Demo event (moved)"
	f.send(t, update, http.StatusAccepted)
	checkFields(t, f.eventOf(t, f.r.srv.URL+"/federation/m/1"), map[string]string{"title": "Demo event (moved)"})
	f.send(t, map[string]any{"id": f.r.id() + "#delete", "type": "Delete", "actor": f.r.id(),
		"object": map[string]any{"id": f.r.srv.URL + "/federation/m/1", "type": "Tombstone"}}, http.StatusAccepted)
	if f.in.imported(s.Events, f.r.srv.URL+"/federation/m/1") != nil {
		t.Fatal("the Delete left the event")
	}
	mobilizon["object"].(map[string]any)["name"] = "My first event, announced"
	f.send(t, map[string]any{"id": f.r.id() + "#announce", "type": "Announce", "actor": f.r.id(), "object": mobilizon}, http.StatusAccepted)
	checkFields(t, f.eventOf(t, id), map[string]string{"title": "My first event, announced"})
}

// checkFields checks that each field of rec starts with its wanted value.
func checkFields(t *testing.T, rec map[string]any, want map[string]string) {
	t.Helper()
	for k, v := range want {
		got := ""
		if x, ok := rec[k].(interface{ String() string }); ok {
			got = x.String()
		} else {
			got, _ = rec[k].(string)
		}
		if !strings.HasPrefix(got, v) {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}

// TestReceiveRefusesOtherHosts: a Create, Update or Delete of an object on another host than
// the sender's is refused and stores nothing; an Announce of such an object is read from its
// own host, and stored only when that host's actor wrote it (an Announce carrying a forged
// copy stores what the origin serves). An event addressed to followers only is not stored (the
// same, addressed to everyone, is). A Reject of the territory's Follow sets it refused.
func TestReceiveRefusesOtherHosts(t *testing.T) {
	f := newFollowed(t)
	origin := newOrigin(t)
	elsewhere := map[string]any{"id": origin.URL + "/events/1", "type": "Event", "name": "Forged", "startTime": "2026-12-05T14:00:00Z",
		"attributedTo": origin.URL + "/actor"}
	for _, kind := range []string{"Create", "Update", "Delete"} {
		f.send(t, map[string]any{"id": f.r.id() + "#" + kind, "type": kind, "actor": f.r.id(), "object": elsewhere}, http.StatusForbidden)
	}
	if n, _ := f.in.app.CountRecords(s.Events); n != 0 {
		t.Fatalf("%d events stored from another host", n)
	}
	f.send(t, map[string]any{"id": f.r.id() + "#announce", "type": "Announce", "actor": f.r.id(), "object": elsewhere}, http.StatusAccepted)
	if got := f.eventOf(t, origin.URL+"/events/1"); got["title"] != "Served by its origin" {
		t.Fatalf("announced event stored as %q, want what its origin serves", got["title"])
	}
	followersOnly := map[string]any{"id": f.r.srv.URL + "/e/private", "type": "Event", "name": "Entre nous", "startTime": "2026-12-05T14:00:00Z",
		"to": []string{f.r.id() + "/followers"}, "location": map[string]any{"type": "Place", "latitude": basilique[1], "longitude": basilique[0]}}
	f.send(t, map[string]any{"id": f.r.id() + "#c-private", "type": "Create", "actor": f.r.id(), "to": federation.Published, "object": followersOnly}, http.StatusAccepted)
	if f.in.imported(s.Events, f.r.srv.URL+"/e/private") != nil {
		t.Error("an event addressed to followers only was stored (and made public)")
	}
	followersOnly["to"], followersOnly["id"] = federation.Published, f.r.srv.URL+"/e/public"
	f.send(t, map[string]any{"id": f.r.id() + "#c-public", "type": "Create", "actor": f.r.id(), "object": followersOnly}, http.StatusAccepted)
	if f.in.imported(s.Events, f.r.srv.URL+"/e/public") == nil {
		t.Error("control: the same event addressed to everyone was not stored")
	}
	f.send(t, map[string]any{"id": f.r.id() + "#announce-2", "type": "Announce", "actor": f.r.id(), "object": origin.URL + "/events/2"}, http.StatusForbidden)
	f.send(t, map[string]any{"id": f.r.id() + "#reject", "type": "Reject", "actor": f.r.id(),
		"object": f.in.following(f.r.id()).GetString("follow")}, http.StatusAccepted)
	if state := f.in.following(f.r.id()).GetString("state"); state != s.FollowRefused {
		t.Fatalf("state after the Reject: %q", state)
	}
	f.send(t, map[string]any{"id": f.r.id() + "#c2", "type": "Create", "actor": f.r.id(),
		"object": map[string]any{"id": f.r.srv.URL + "/e/9", "type": "Event", "name": "After", "startTime": "2026-12-05T14:00:00Z"}}, http.StatusForbidden)
}

// newOrigin serves two events on a host of its own: /events/1 written by its actor, /events/2
// attributed to an actor of another host.
func newOrigin(t *testing.T) *httptest.Server {
	t.Helper()
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		author := srv.URL + "/actor"
		if r.URL.Path == "/events/2" {
			author = "https://elsewhere.example/actor"
		}
		w.Header().Set("Content-Type", federation.ActivityJSON)
		json.NewEncoder(w).Encode(map[string]any{"id": srv.URL + r.URL.Path, "type": "Event", "name": "Served by its origin",
			"startTime": "2026-12-05T14:00:00Z", "attributedTo": author, "to": []string{federation.Published},
			"location": map[string]any{"type": "Place", "latitude": basilique[1], "longitude": basilique[0]}})
	}))
	t.Cleanup(srv.Close)
	return srv
}
