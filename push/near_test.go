package push_test

import (
	"net/http"
	"testing"

	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/push"
	s "github.com/maillage/maillage/schema"
)

// Points around the Basilique de Saint-Denis: the event's place, one 300 m away, one 5 km away.
var (
	placeP = map[string]float64{"lon": 2.3597, "lat": 48.9355}
	near   = map[string]float64{"lon": 2.3597, "lat": 48.9382}
	far    = map[string]float64{"lon": 2.3597, "lat": 48.9805}
)

// nearMe are preferences asking for kinds within 1 km of point, in categories (all if none).
func nearMe(kinds []string, point map[string]float64, categories ...string) map[string]any {
	return map[string]any{"near": kinds, "nearPoint": point, "nearRadius": 1, "nearConsent": true, "nearCategories": categories}
}

// TestNearNotifications: an event or offer published near the point someone chose, in their
// categories, notifies them; not when it is farther than their radius, in another category,
// of another kind, not theirs to read (a community they are not in), nor its own author.
// An offer is measured on its blurred location and notifies when a moderator publishes it.
func TestNearNotifications(t *testing.T) {
	w := newWorld(t)
	p := w.people(t, "fac", "bob", "carol", "erin", "gina", "hank", "res", "mo")
	w.setRole(t, p["fac"], s.RoleFacilitator)
	w.setRole(t, p["mo"], s.RoleModerator)
	garden, repair := categoryIDs(t, w)
	events := []string{s.Events}
	choose(t, p["bob"], nearMe(events, near, garden))
	choose(t, p["carol"], nearMe(events, far, garden))
	choose(t, p["erin"], nearMe(events, near, repair))
	choose(t, p["gina"], nearMe([]string{s.Offers}, near))
	choose(t, p["hank"], nearMe(events, near))
	choose(t, p["fac"], nearMe(events, near))

	id := happen(t, p["fac"], map[string]any{s.FieldVisibility: s.VisibilityPublic, "categories": []string{garden}})
	got := w.delivered(t)
	wantPaths(t, "a public garden event near", got, "/bob", "/hank")
	if want := (push.Notification{Title: "Un évènement près de votre point", Body: "Troc de graines",
		URL: "/#/i/events/" + id}); got["/bob"] != want {
		t.Errorf("Bob's notification: got %+v, want %+v", got["/bob"], want)
	}

	group := testapp.NewRecord(t, w.srv.App, s.Communities, map[string]any{"name": "Jardiniers", "owner": p["fac"].ID()})
	testapp.NewRecord(t, w.srv.App, s.Memberships, map[string]any{s.FieldCommunity: group.Id, "user": p["bob"].ID(), "role": "member"})
	happen(t, p["fac"], map[string]any{s.FieldVisibility: s.VisibilityCommunity, s.FieldCommunity: group.Id, "categories": []string{garden}})
	wantPaths(t, "an event of a community only Bob is in", w.delivered(t), "/bob")

	var offer struct{ ID string }
	p["res"].MustCall(t, http.MethodPost, "/api/collections/"+s.Offers+"/records", map[string]any{
		"title": "Perceuse à prêter", "kind": "offer", "mode": "loan", s.FieldGeo: placeP,
		s.FieldAuthor: p["res"].ID(), s.FieldVisibility: s.VisibilityPublic}, &offer)
	wantPaths(t, "a pending offer", w.delivered(t))
	p["mo"].MustCall(t, http.MethodPatch, "/api/collections/"+s.Offers+"/records/"+offer.ID, map[string]any{s.FieldStatus: s.StatusPublished}, nil)
	got = w.delivered(t)
	wantPaths(t, "the offer once published", got, "/gina", "/res")
	if got["/gina"].Title != "Une nouvelle annonce près de votre point" || got["/res"].Title != "Votre contribution est publiée" {
		t.Errorf("offer notifications: got %+v", got)
	}
}

// happen publishes an event at placeP as facilitator u, with fields, and returns its id.
func happen(t *testing.T, u *synctest.User, fields map[string]any) string {
	t.Helper()
	body := map[string]any{"title": "Troc de graines", "start": "2030-04-12 10:00:00.000Z", s.FieldGeo: placeP, s.FieldAuthor: u.ID()}
	for k, v := range fields {
		body[k] = v
	}
	var rec struct{ ID, Status string }
	u.MustCall(t, http.MethodPost, "/api/collections/"+s.Events+"/records", body, &rec)
	if rec.Status != s.StatusPublished {
		t.Fatalf("the facilitator's event is %q, want published at once", rec.Status)
	}
	return rec.ID
}

// categoryIDs returns two of the seeded categories.
func categoryIDs(t *testing.T, w *world) (string, string) {
	t.Helper()
	cats, err := w.srv.App.FindRecordsByFilter(s.Categories, "", "slug", 2, 0)
	if err != nil || len(cats) < 2 {
		t.Fatalf("categories: %v (%d)", err, len(cats))
	}
	return cats[0].Id, cats[1].Id
}
