package hooks_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	validation "github.com/pocketbase/ozzo-validation/v4"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/hooks"
	"github.com/maillage/maillage/internal/fixtures"
	s "github.com/maillage/maillage/schema"
)

// Places just outside Plaine Commune (distances checked by TestOutsidePlacesAreWhereTheTestsSay).
var (
	porteChapelle = lonLat{2.3596, 48.8978} // Paris, ~420 m from Saint-Denis
	gareDuNordOut = gareDuNord              // Paris, ~2.3 km from Saint-Denis
)

func recordsURL(collection string) string { return "/api/collections/" + collection + "/records" }

// territory is Plaine Commune built straight from the file by package geo, to compute what
// the hooks should say independently of them.
func territory(t *testing.T) *geo.Territory {
	t.Helper()
	in, _, err := geo.ParseCommunes(fixtures.Read(t, plaineCommuneFile...), "", "")
	if err != nil {
		t.Fatal(err)
	}
	terr, _ := geo.NewTerritory(in)
	return terr
}

func TestOutsidePlacesAreWhereTheTestsSay(t *testing.T) {
	terr := territory(t)
	for _, c := range []struct {
		at       lonLat
		min, max float64
	}{{porteChapelle, 100, 1000}, {gareDuNordOut, 2100, 2900}, {notreDame, 3000, 7000}} {
		if m, _ := terr.Locate(c.at.point()); m.Inside || m.DistanceMeters < c.min || m.DistanceMeters > c.max {
			t.Errorf("%v: %.0f m from %s, want %v-%v m outside", c.at, m.DistanceMeters, m.Commune.Name, c.min, c.max)
		}
	}
}

func TestCommuneAssignedOnCreateAndUpdate(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	for _, collection := range s.Content {
		t.Run(collection, func(t *testing.T) {
			rec := w.newRecord(t, collection, w.fac, basilique)
			if err := w.app.Save(rec); err != nil {
				t.Fatalf("create: %v", err)
			}
			w.wantCommune(t, collection, rec.Id, "93066")
			rec.Set(s.FieldGeo, mairieAuber.geo())
			if err := w.app.Save(rec); err != nil {
				t.Fatalf("update: %v", err)
			}
			w.wantCommune(t, collection, rec.Id, "93001")
			// Through the REST API too, and a client cannot pick another commune.
			body := map[string]any{s.FieldGeo: mairieStain.geo(), s.FieldCommune: w.communes["93066"]}
			w.call(t, http.MethodPatch, recordsURL(collection)+"/"+rec.Id, w.facTok, body, http.StatusOK)
			w.wantCommune(t, collection, rec.Id, "93072")
		})
	}
}

func (w *geoWorld) wantCommune(t *testing.T, collection, id, code string) {
	t.Helper()
	rec, err := w.app.FindRecordById(collection, id)
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	if code != "" {
		want = w.communes[code]
	}
	if got := rec.GetString(s.FieldCommune); got != want {
		t.Errorf("commune of %s: got %q, want %q (%s)", id, got, want, code)
	}
}

func TestOutsideTheMarginIsRefusedNamingTheNearestCommune(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	m, _ := territory(t).Locate(notreDame.point())
	km := strings.Replace(fmt.Sprintf("%.1f", m.DistanceMeters/1000), ".", ",", 1)
	body := fields(s.Initiatives, w.fac, notreDame, nil)
	res := w.call(t, http.MethodPost, recordsURL(s.Initiatives), w.facTok, body, http.StatusBadRequest)
	var got struct {
		Data map[string]struct{ Code, Message string }
	}
	if err := json.Unmarshal(res, &got); err != nil {
		t.Fatal(err)
	}
	e := got.Data[s.FieldGeo]
	if e.Code != "outside_territory" || !strings.Contains(e.Message, km+" km de "+m.Commune.Name) {
		t.Errorf("got %+v, want outside_territory naming %q at %s km", e, m.Commune.Name, km)
	}
	// Every write path: a direct save gets the same field error.
	err := w.app.Save(w.newRecord(t, s.Events, w.fac, notreDame))
	var fieldErrs validation.Errors
	if !errors.As(err, &fieldErrs) || fieldErrs[s.FieldGeo] == nil {
		t.Errorf("direct save: got %v, want a field error on geo", err)
	}
}

func TestMargin(t *testing.T) {
	cases := []struct {
		name   string
		margin float64
		at     lonLat
		ok     bool
	}{
		{"420 m out, default 2 km margin", 0, porteChapelle, true},
		{"420 m out, no margin", -1, porteChapelle, false},
		{"2.3 km out, default margin", 0, gareDuNordOut, false},
		{"2.3 km out, 3 km margin", 3000, gareDuNordOut, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newGeoWorld(t, hooks.GeoConfig{OutsideMarginMeters: c.margin})
			rec := w.newRecord(t, s.Initiatives, w.fac, c.at)
			err := w.app.Save(rec)
			if (err == nil) != c.ok {
				t.Fatalf("got %v, want accepted %v", err, c.ok)
			}
			if c.ok {
				w.wantCommune(t, s.Initiatives, rec.Id, "93066") // the nearest, Saint-Denis
			}
		})
	}
}

// A moderator accepts a location outside the territory by setting geoOverride; it covers
// that location only and is cleared when the point moves again.
func TestModeratorOverride(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	url := recordsURL(s.Initiatives)
	outside := fields(s.Initiatives, w.fac, notreDame, map[string]any{s.FieldGeoOverride: true})
	w.call(t, http.MethodPost, url, w.facTok, outside, http.StatusBadRequest) // only moderators may override
	resident := fields(s.Initiatives, w.resident, notreDame, map[string]any{s.FieldGeoOverride: true})
	w.call(t, http.MethodPost, url, w.resTok, resident, http.StatusBadRequest)

	mine := w.newRecord(t, s.Initiatives, w.fac, basilique)
	if err := w.app.Save(mine); err != nil {
		t.Fatal(err)
	}
	one := url + "/" + mine.Id
	w.call(t, http.MethodPatch, one, w.facTok, map[string]any{s.FieldGeo: notreDame.geo()}, http.StatusBadRequest)
	w.call(t, http.MethodPatch, one, w.modTok, map[string]any{s.FieldGeo: notreDame.geo(), s.FieldGeoOverride: true}, http.StatusOK)
	w.wantCommune(t, s.Initiatives, mine.Id, "") // outside every commune
	w.call(t, http.MethodPatch, one, w.facTok, map[string]any{"name": "Renamed"}, http.StatusOK)
	w.call(t, http.MethodPatch, one, w.facTok, map[string]any{s.FieldGeo: gareDuNordOut.geo()}, http.StatusBadRequest)
	w.call(t, http.MethodPatch, one, w.facTok, map[string]any{s.FieldGeo: basilique.geo()}, http.StatusOK)
	after, _ := w.app.FindRecordById(s.Initiatives, mine.Id)
	if after.GetBool(s.FieldGeoOverride) {
		t.Error("geoOverride survived a move back inside")
	}
	w.wantCommune(t, s.Initiatives, mine.Id, "93066")

	created := fields(s.Events, w.mo, notreDame, map[string]any{s.FieldGeoOverride: true})
	w.call(t, http.MethodPost, recordsURL(s.Events), w.modTok, created, http.StatusOK)
}
