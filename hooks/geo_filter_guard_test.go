package hooks_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/hooks"
	s "github.com/maillage/maillage/schema"
)

func (w *geoWorld) listCount(t *testing.T, collection, query, token string, want int) int {
	t.Helper()
	var page struct {
		Items []json.RawMessage `json:"items"`
	}
	body := w.call(t, http.MethodGet, recordsURL(collection)+"?"+query, token, nil, want)
	if want != http.StatusOK {
		return -1
	}
	if err := json.Unmarshal(body, &page); err != nil {
		t.Fatal(err)
	}
	return len(page.Items)
}

// A filter on an offer's geo would find its true longitude to the metre by halving; others
// get a 400 instead, while the public places' exact points stay filterable.
func TestFiltersCannotRevealABlurredLocation(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	offer := w.newRecord(t, s.Offers, w.fac, basilique) // lon 2.3596
	if err := w.app.Save(offer); err != nil {
		t.Fatal(err)
	}
	if err := w.app.Save(w.newRecord(t, s.Initiatives, w.fac, basilique)); err != nil {
		t.Fatal(err)
	}
	w.resident.Set(s.FieldGeoConsent, true) // an exact location needs consent (package account)
	w.resident.Set(s.FieldGeo, mairieAuber.geo())
	w.resident.Set(s.FieldProfileVisibility, "public")
	if err := w.app.Save(w.resident); err != nil {
		t.Fatal(err)
	}
	below, above := filter("geo.lon > 2.35955"), filter("geo.lon > 2.35965")
	// Control: unguarded (a superuser), the two filters tell the true longitude apart.
	root := superuser(t, w.app)
	if a, b := w.listCount(t, s.Offers, below, root, 200), w.listCount(t, s.Offers, above, root, 200); a != 1 || b != 0 {
		t.Fatalf("control: got %d and %d offers, want 1 and 0", a, b)
	}
	for _, who := range []string{"", w.otherTok, w.modTok} {
		w.listCount(t, s.Offers, below, who, http.StatusBadRequest)
		w.listCount(t, s.Offers, "sort=geo.lon", who, http.StatusBadRequest)
		w.listCount(t, s.Users, filter("geo.lat > 48.91"), who, http.StatusBadRequest)
		w.listCount(t, s.Initiatives, filter("author.geo.lat > 48.91"), who, http.StatusBadRequest)
	}
	if n := w.listCount(t, s.Initiatives, below, "", http.StatusOK); n != 1 {
		t.Errorf("initiatives by exact longitude: got %d, want 1", n)
	}
	if n := w.listCount(t, s.Offers, filter(`title ~ "geo" || kind = "offer"`), "", http.StatusOK); n != 1 {
		t.Errorf("offers by a quoted word: got %d, want 1", n)
	}
}

func filter(f string) string { return "filter=" + url.QueryEscape(f) }

func superuser(t *testing.T, app core.App) string {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	su := core.NewRecord(col)
	su.SetEmail("root@example.org")
	su.SetPassword("correct horse battery")
	if err := app.Save(su); err != nil {
		t.Fatal(err)
	}
	token, err := su.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// A filter on reservedFor would confirm a guess of whom an offer is reserved for, which only
// its author and that person see: others get a 400, whatever their role.
func TestFiltersCannotRevealReservedFor(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	offer := w.newRecord(t, s.Offers, w.fac, basilique)
	offer.Set(s.OfferFields.State, s.OfferReserved)
	offer.Set(s.FieldReservedFor, w.resident.Id)
	if err := w.app.SaveNoValidate(offer); err != nil { // no conversation needed for this test
		t.Fatal(err)
	}
	guess := filter(`reservedFor = "` + w.resident.Id + `"`)
	// Control: unguarded (a superuser), the filter tells the right guess from a wrong one.
	root := superuser(t, w.app)
	wrong := filter(`reservedFor = "` + w.fac.Id + `"`)
	if a, b := w.listCount(t, s.Offers, guess, root, 200), w.listCount(t, s.Offers, wrong, root, 200); a != 1 || b != 0 {
		t.Fatalf("control: got %d and %d offers, want 1 and 0", a, b)
	}
	for _, who := range []string{"", w.otherTok, w.modTok} {
		w.listCount(t, s.Offers, guess, who, http.StatusBadRequest)
		w.listCount(t, s.Offers, "sort=reservedFor", who, http.StatusBadRequest)
	}
}
