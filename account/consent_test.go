package account_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

func TestExactLocationNeedsConsent(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	u := srv.NewUser(t, "dora@example.org", s.RoleResident)
	path := "/api/collections/users/records/" + u.ID()
	point := map[string]float64{"lon": 2.3601, "lat": 48.9362}

	status, body, _ := u.Call(http.MethodPatch, path, map[string]any{s.FieldGeo: point})
	if status != http.StatusBadRequest || code(t, body, s.FieldGeo) != "account_geo_consent" {
		t.Errorf("a location without consent: %d %s, want 400 account_geo_consent", status, body)
	}
	if p := stored(t, srv, u.ID()); p.Lon != 0 {
		t.Errorf("the refused location was stored: %v", p)
	}
	// Control: the same location with consent is kept.
	u.MustCall(t, http.MethodPatch, path, map[string]any{s.FieldGeo: point, s.FieldGeoConsent: true}, nil)
	if p := stored(t, srv, u.ID()); p.Lon != point["lon"] {
		t.Errorf("with consent: stored %v, want %v", p, point)
	}
	// Withdrawing consent forgets the point.
	u.MustCall(t, http.MethodPatch, path, map[string]any{s.FieldGeoConsent: false}, nil)
	if p := stored(t, srv, u.ID()); p.Lon != 0 || p.Lat != 0 {
		t.Errorf("consent withdrawn: the point %v is still stored", p)
	}
	// Every write path: a save by the server (dashboard, sync) is refused too.
	rec := u.Record
	rec.Set(s.FieldGeo, types.GeoPoint{Lon: 2.36, Lat: 48.93})
	rec.Set(s.FieldGeoConsent, false)
	if err := srv.App.Save(rec); err == nil {
		t.Error("a server-side save of a location without consent was accepted")
	}
}

// stored reads a user's stored point.
func stored(t *testing.T, srv *synctest.Srv, id string) types.GeoPoint {
	t.Helper()
	rec, err := srv.App.FindRecordById(s.Users, id)
	if err != nil {
		t.Fatal(err)
	}
	return rec.GetGeoPoint(s.FieldGeo)
}

// code reads the error code of field in an API error body.
func code(t *testing.T, body []byte, field string) string {
	t.Helper()
	var e struct {
		Data map[string]struct {
			Code string `json:"code"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	return e.Data[field].Code
}

// Points stored before consent existed were never agreed to: the migration forgets them.
func TestMigrationForgetsPointsStoredWithoutConsent(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	u := srv.NewUser(t, "eve@example.org", s.RoleResident)
	other := srv.NewUser(t, "fred@example.org", s.RoleResident)
	_, err := srv.App.DB().NewQuery(`UPDATE users SET geo = '{"lon":2.3601,"lat":48.9362}' WHERE id = {:id}`).
		Bind(dbx.Params{"id": u.ID()}).Execute()
	if err != nil {
		t.Fatal(err)
	}
	if p := stored(t, srv, u.ID()); p.Lon == 0 { // control: the raw point is there
		t.Fatal("control: the raw point was not stored")
	}
	up := migration(t, "1765000400_add_user_geo_consent.go")
	if err := srv.App.RunInTransaction(up); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{u.ID(), other.ID()} {
		if p := stored(t, srv, id); p.Lon != 0 || p.Lat != 0 {
			t.Errorf("user %s keeps %v after the migration", id, p)
		}
	}
}

// migration returns the up function of a registered migration file.
func migration(t *testing.T, file string) func(core.App) error {
	t.Helper()
	for _, m := range core.AppMigrations.Items() {
		if m.File == file {
			return m.Up
		}
	}
	t.Fatalf("migration %s is not registered", file)
	return nil
}
