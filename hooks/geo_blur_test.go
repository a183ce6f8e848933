package hooks_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/hooks"
	s "github.com/maillage/maillage/schema"
)

// seenAt reads the location of the record at url as the holder of token sees it.
func (w *geoWorld) seenAt(t *testing.T, url, token string) geo.Point {
	t.Helper()
	var rec struct {
		Geo   geo.Point `json:"geo"`
		Items []struct {
			Geo geo.Point `json:"geo"`
		} `json:"items"`
	}
	if err := json.Unmarshal(w.call(t, http.MethodGet, url, token, nil, http.StatusOK), &rec); err != nil {
		t.Fatal(err)
	}
	if len(rec.Items) == 1 {
		return rec.Items[0].Geo
	}
	return rec.Geo
}

// checkBlurred says what is wrong with seen as the blurred view of exact, nil when it is a
// grid point at a plausible distance.
func checkBlurred(exact, seen geo.Point) error {
	d := geo.DistanceMeters(exact, seen)
	switch {
	case seen == exact:
		return fmt.Errorf("the exact point %v is shown", exact)
	case !geo.IsCellCentre(seen):
		return fmt.Errorf("%v is not a point of the ~150 m grid", seen)
	case d < geo.BlurMinOffsetMeters-1 || d > geo.BlurMaxOffsetMeters+geo.BlurCellMeters:
		return fmt.Errorf("%v is %.0f m from the true point", seen, d)
	}
	return nil
}

func TestOffersAreBlurredForOthersAndStable(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	offer := w.newRecord(t, s.Offers, w.fac, basilique)
	if err := w.app.Save(offer); err != nil {
		t.Fatal(err)
	}
	one := recordsURL(s.Offers) + "/" + offer.Id
	exact := basilique.point()
	first := w.seenAt(t, one, w.otherTok)
	if err := checkBlurred(exact, first); err != nil {
		t.Fatalf("another user: %v", err)
	}
	offer.Set("title", "Perceuse et embouts") // an edit that does not move the offer
	if err := w.app.Save(offer); err != nil {
		t.Fatal(err)
	}
	for name, url := range map[string]string{"view": one, "list": recordsURL(s.Offers)} {
		for who, token := range map[string]string{"anonymous": "", "another user": w.otherTok, "a moderator": w.modTok} {
			if got := w.seenAt(t, url, token); got != first {
				t.Errorf("%s, %s: got %v, want the same blurred point %v on every read", name, who, got, first)
			}
		}
	}
	if got := w.seenAt(t, one, w.facTok); got != exact {
		t.Errorf("author: got %v, want the exact %v", got, exact)
	}
	stored, _ := w.app.FindRecordById(s.Offers, offer.Id)
	if p := stored.GetGeoPoint(s.FieldGeo); (geo.Point{Lon: p.Lon, Lat: p.Lat}) != exact {
		t.Errorf("stored point changed to %v: the blur must apply on read only", p)
	}
}

// Negative control: checkBlurred refuses an exact point, so the test above would catch a
// missing blur (as it does for the author's own view).
func TestCheckBlurredRefusesTheExactPoint(t *testing.T) {
	exact := basilique.point()
	if checkBlurred(exact, exact) == nil {
		t.Error("checkBlurred accepted the exact point")
	}
	if checkBlurred(exact, geo.Point{Lon: exact.Lon + 0.0009, Lat: exact.Lat}) == nil {
		t.Error("checkBlurred accepted a point off the grid")
	}
}

func TestProfilesAreBlurredForOthers(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	w.resident.Set(s.FieldGeoConsent, true) // an exact location needs consent (package account)
	w.resident.Set(s.FieldGeo, mairieAuber.geo())
	w.resident.Set(s.FieldProfileVisibility, "public")
	if err := w.app.Save(w.resident); err != nil {
		t.Fatal(err)
	}
	url := recordsURL(s.Users) + "/" + w.resident.Id
	if err := checkBlurred(mairieAuber.point(), w.seenAt(t, url, w.otherTok)); err != nil {
		t.Errorf("another user: %v", err)
	}
	if err := checkBlurred(mairieAuber.point(), w.seenAt(t, url, "")); err != nil {
		t.Errorf("anonymous: %v", err)
	}
	if got := w.seenAt(t, url, w.resTok); got != mairieAuber.point() {
		t.Errorf("the user themself: got %v, want the exact %v", got, mairieAuber.point())
	}
}

func TestPublicPlacesStayExact(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	for _, c := range []string{s.Initiatives, s.Events, s.Organisations} {
		rec := w.newRecord(t, c, w.fac, basilique)
		if err := w.app.Save(rec); err != nil {
			t.Fatal(err)
		}
		if got := w.seenAt(t, recordsURL(c)+"/"+rec.Id, ""); got != basilique.point() {
			t.Errorf("%s: got %v, want the exact %v", c, got, basilique.point())
		}
	}
}

// The configured secret decides the grid's jitter: another secret gives another point, the
// same secret the same one (restores and restarts keep the stored secret).
func TestBlurDependsOnTheSecret(t *testing.T) {
	seen := map[string]geo.Point{}
	for _, secret := range []string{"one", "two", "one"} {
		w := newGeoWorld(t, hooks.GeoConfig{BlurSecret: []byte(secret)})
		offer := w.newRecord(t, s.Offers, w.fac, basilique)
		offer.Id = "offer0000000001"
		if err := w.app.Save(offer); err != nil {
			t.Fatal(err)
		}
		got := w.seenAt(t, recordsURL(s.Offers)+"/"+offer.Id, "")
		if prev, ok := seen[secret]; ok && prev != got {
			t.Errorf("secret %s: got %v then %v", secret, prev, got)
		}
		seen[secret] = got
	}
	if seen["one"] == seen["two"] {
		t.Errorf("two secrets gave the same point %v", seen["one"])
	}
}

// Negative control with the app itself: a handler that undoes the blur (as if the blur hook
// were not bound) makes the others' view exact, and the check used above reports it.
func TestBlurCheckFailsWhenTheBlurIsUndone(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	w.app.OnRecordEnrich(s.Offers).BindFunc(func(e *core.RecordEnrichEvent) error {
		e.Record.Set(s.FieldGeo, e.Record.Original().Get(s.FieldGeo))
		return e.Next()
	})
	offer := w.newRecord(t, s.Offers, w.fac, basilique)
	if err := w.app.Save(offer); err != nil {
		t.Fatal(err)
	}
	seen := w.seenAt(t, recordsURL(s.Offers)+"/"+offer.Id, w.otherTok)
	if err := checkBlurred(basilique.point(), seen); err == nil {
		t.Errorf("with the blur undone, another user saw %v and the check passed", seen)
	}
}
