package push_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/push"
	"github.com/maillage/maillage/push/pushtest"
	s "github.com/maillage/maillage/schema"
)

const subscriptionsURL = "/api/collections/" + s.PushSubscriptions + "/records"

// mustFail calls and fails the test unless the answer has status and contains every part.
func mustFail(t *testing.T, u *synctest.User, method, path string, body any, status int, parts ...string) {
	t.Helper()
	got, data, err := u.Call(method, path, body)
	if err != nil {
		t.Fatal(err)
	}
	if got != status {
		t.Errorf("%s %s as %s: status %d %s, want %d", method, path, u, got, data, status)
	}
	for _, p := range parts {
		if !strings.Contains(string(data), p) {
			t.Errorf("%s %s as %s: %s lacks %s", method, path, u, data, p)
		}
	}
}

// listed returns the ids u lists in collection.
func listed(t *testing.T, u *synctest.User, collection string) []string {
	t.Helper()
	var page struct{ Items []struct{ ID string } }
	u.MustCall(t, http.MethodGet, "/api/collections/"+collection+"/records", nil, &page)
	ids := make([]string, 0, len(page.Items))
	for _, it := range page.Items {
		ids = append(ids, it.ID)
	}
	return ids
}

// TestSubscriptionRules: the subscription is the requester's whatever the body says; nobody
// else lists, reads, changes or deletes it; keys must be a browser's; the same browser posting
// again replaces its subscription. Negative control: with a loosened list rule the same check
// sees Carol list Bob's subscription.
func TestSubscriptionRules(t *testing.T) {
	w := newWorld(t)
	bob, carol := w.user(t, "Bob", "fr"), w.user(t, "Carol", "fr")
	anon := w.srv.Anonymous()
	body := pushtest.NewBrowser(t).Subscription(w.ps.endpoint("/bob"))

	mustFail(t, anon, http.MethodPost, subscriptionsURL, body, http.StatusBadRequest)
	forAlice := withField(body, "user", carol.ID())
	mustFail(t, bob, http.MethodPost, subscriptionsURL, forAlice, http.StatusBadRequest, `"code":"push_subscription_not_yours"`)
	badKeys := withField(body, "keys", map[string]string{"p256dh": "AAAA", "auth": "short"})
	mustFail(t, bob, http.MethodPost, subscriptionsURL, badKeys, http.StatusBadRequest, `"code":"push_keys_invalid"`)

	var sub struct{ ID, User string }
	bob.MustCall(t, http.MethodPost, subscriptionsURL, body, &sub)
	one := subscriptionsURL + "/" + sub.ID
	if ids := listed(t, carol, s.PushSubscriptions); len(ids) != 0 {
		t.Errorf("Carol lists %v, want nothing", ids)
	}
	if ids := listed(t, bob, s.PushSubscriptions); len(ids) != 1 || ids[0] != sub.ID {
		t.Errorf("Bob lists %v, want [%s]", ids, sub.ID)
	}
	mustFail(t, carol, http.MethodGet, one, nil, http.StatusNotFound)
	mustFail(t, carol, http.MethodDelete, one, nil, http.StatusNotFound)
	mustFail(t, bob, http.MethodPatch, one, map[string]any{"endpoint": w.ps.endpoint("/other")}, http.StatusForbidden)

	// The browser changes hands: Carol signs in on it and subscribes with its endpoint.
	carol.MustCall(t, http.MethodPost, subscriptionsURL, body, nil)
	if ids := listed(t, bob, s.PushSubscriptions); len(ids) != 0 {
		t.Errorf("Bob still lists %v after Carol subscribed the same browser", ids)
	}
	bob.MustCall(t, http.MethodPost, subscriptionsURL, body, &sub)
	bob.MustCall(t, http.MethodDelete, subscriptionsURL+"/"+sub.ID, nil, nil)

	// A superuser (the dashboard) chooses the user.
	su := w.srv.Superuser(t, "root@example.org")
	su.MustCall(t, http.MethodPost, subscriptionsURL, withField(body, "user", carol.ID()), nil)

	// Negative control: loosen the list rule and the same check sees Bob's subscription.
	bob.MustCall(t, http.MethodPost, subscriptionsURL, body, nil)
	loosen(t, w, s.PushSubscriptions, `@request.auth.id != ""`)
	if ids := listed(t, carol, s.PushSubscriptions); len(ids) == 0 {
		t.Error("with a loosened list rule Carol still lists nothing: the check cannot see a leak")
	}
}

// withField is body with one more field.
func withField(body map[string]any, name string, value any) map[string]any {
	out := map[string]any{name: value}
	for k, v := range body {
		if k != name {
			out[k] = v
		}
	}
	return out
}

// loosen replaces collection's list rule (negative controls).
func loosen(t *testing.T, w *world, collection, listRule string) {
	t.Helper()
	c, err := w.srv.App.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	c.ListRule = &listRule
	if err := w.srv.App.Save(c); err != nil {
		t.Fatal(err)
	}
}

const preferencesURL = "/api/collections/" + s.NotificationPreferences + "/records"

// TestPreferencesRules: each person writes and reads their own preferences only; "near me"
// needs consent, a point and a radius; without consent no point is stored. Negative control:
// with consent the same point is stored, so the check that it was dropped can fail.
func TestPreferencesRules(t *testing.T) {
	w := newWorld(t)
	bob, carol := w.user(t, "Bob", "fr"), w.user(t, "Carol", "fr")
	point := map[string]float64{"lon": 2.3601, "lat": 48.9362}
	prefs := map[string]any{"user": bob.ID(), "messages": true, "replies": false, "decisions": true}

	mustFail(t, carol, http.MethodPost, preferencesURL, prefs, http.StatusBadRequest)
	near := withField(withField(prefs, "near", []string{s.Events}), "nearRadius", 2)
	mustFail(t, bob, http.MethodPost, preferencesURL, withField(near, "nearPoint", point), http.StatusBadRequest, `"code":"push_near_consent"`)
	mustFail(t, bob, http.MethodPost, preferencesURL, withField(near, "nearConsent", true), http.StatusBadRequest, `"code":"push_near_point"`)
	tooFar := withField(withField(withField(near, "nearConsent", true), "nearPoint", point), "nearRadius", 0)
	mustFail(t, bob, http.MethodPost, preferencesURL, tooFar, http.StatusBadRequest, `"code":"push_near_radius"`)

	var rec struct{ ID string }
	bob.MustCall(t, http.MethodPost, preferencesURL, withField(prefs, "nearPoint", point), &rec)
	if got := storedPoint(t, w, rec.ID); got.Lon != 0 || got.Lat != 0 {
		t.Errorf("a point without consent was stored: %+v", got)
	}
	if ids := listed(t, carol, s.NotificationPreferences); len(ids) != 0 {
		t.Errorf("Carol lists %v, want nothing", ids)
	}
	mustFail(t, carol, http.MethodPatch, preferencesURL+"/"+rec.ID, map[string]any{"messages": false}, http.StatusNotFound)
	mustFail(t, bob, http.MethodPatch, preferencesURL+"/"+rec.ID, map[string]any{"user": carol.ID()}, http.StatusBadRequest)

	// Negative control: with consent the point is kept.
	consented := withField(withField(near, "nearConsent", true), "nearPoint", point)
	bob.MustCall(t, http.MethodPatch, preferencesURL+"/"+rec.ID, consented, nil)
	if got := storedPoint(t, w, rec.ID); got.Lon != point["lon"] || got.Lat != point["lat"] {
		t.Errorf("with consent the point is %+v, want %v", got, point)
	}
}

// storedPoint reads a preferences record's nearPoint from the database.
func storedPoint(t *testing.T, w *world, id string) types.GeoPoint {
	t.Helper()
	rec, err := w.srv.App.FindRecordById(s.NotificationPreferences, id)
	if err != nil {
		t.Fatal(err)
	}
	var p types.GeoPoint
	raw, _ := json.Marshal(rec.Get(s.FieldPrefNearPoint))
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestVAPIDKeysStayServerSide: the route gives the public key only; the pair is kept in the
// database (a restart on the same data gives the same key) and no collection holds it.
func TestVAPIDKeysStayServerSide(t *testing.T) {
	w := newWorld(t)
	status, data, err := w.srv.Anonymous().Call(http.MethodGet, push.PathKey, nil)
	if err != nil || status != http.StatusOK || strings.Contains(string(data), "rivate") {
		t.Fatalf("GET %s: %d %s %v, want the public key alone", push.PathKey, status, data, err)
	}
	var row struct{ Value string }
	if err := w.srv.App.DB().NewQuery("SELECT value FROM _params WHERE id = {:id}").
		Bind(map[string]any{"id": s.PushVAPIDParam}).One(&row); err != nil || !strings.Contains(row.Value, w.key) {
		t.Fatalf("_params %s: %q %v, want the pair holding %s", s.PushVAPIDParam, row.Value, err, w.key)
	}
	restarted := synctest.Serve(t, testapp.Clone(t, w.srv.App.DataDir(), server.Config{}))
	var again struct{ PublicKey string }
	restarted.Anonymous().MustCall(t, http.MethodGet, push.PathKey, nil, &again)
	if again.PublicKey != w.key {
		t.Errorf("after a restart the key is %s, want %s", again.PublicKey, w.key)
	}
}

// TestSubscriptionThroughBatch: the batch API makes the requester the owner too, and refuses
// a subscription for someone else.
func TestSubscriptionThroughBatch(t *testing.T) {
	w := newWorld(t)
	bob, carol := w.user(t, "Bob", "fr"), w.user(t, "Carol", "fr")
	body := pushtest.NewBrowser(t).Subscription(w.ps.endpoint("/bob"))
	create := func(b map[string]any) map[string]any {
		return map[string]any{"requests": []any{map[string]any{"method": http.MethodPost, "url": subscriptionsURL, "body": b}}}
	}
	mustFail(t, bob, http.MethodPost, "/api/batch", create(withField(body, "user", carol.ID())), http.StatusBadRequest, "push_subscription_not_yours")
	bob.MustCall(t, http.MethodPost, "/api/batch", create(body), nil)
	if got := endpointsOf(t, w, bob.ID()); !got[w.ps.endpoint("/bob")] {
		t.Errorf("Bob's subscriptions after the batch: %v", got)
	}
}
