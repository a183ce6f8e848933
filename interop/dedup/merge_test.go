package dedup_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop/dedup"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// garden is a served app holding one open pair: the same garden from two sources (a, with a
// known source and licence, and b, 20 m away), and a moderator and a resident.
type garden struct {
	srv       *synctest.Srv
	a, b      *core.Record
	pairID    string
	mod, resi *synctest.User
}

func newGarden(t *testing.T) *garden {
	t.Helper()
	srv := synctest.Start(t, server.Config{})
	testapp.NewRecord(t, srv.App, s.Sources, map[string]any{s.FieldSourceName: "carte-a", s.FieldSourceFormat: "geojson",
		s.FieldSourceURL: "https://example.org/carte.geojson", s.FieldSourceCollection: s.Initiatives,
		s.FieldSourceLicence: "ODbL", s.FieldSourceAttribution: "© Carte A"})
	g := &garden{srv: srv,
		a: imported(t, srv.App, s.Initiatives, "carte-a", "1", map[string]any{"name": "Jardin partagé des Poireaux",
			"description": "Un jardin.", "openingHours": "Sa 10:00-12:00", s.FieldGeo: north(0)}),
		b: imported(t, srv.App, s.Initiatives, "carte-b", "x9", map[string]any{"name": "Jardin partage les Poireaux",
			"description": "Un jardin partagé, ouvert à tous, avec un compost.", "website": "https://poireaux.example.org", s.FieldGeo: north(20)}),
		mod:  srv.NewUser(t, "mod@example.org", s.RoleModerator),
		resi: srv.NewUser(t, "resident@example.org", s.RoleResident),
	}
	if n := flag(t, srv.App, g.b); n != 1 {
		t.Fatalf("setup: %d pairs stored, want 1", n)
	}
	g.pairID = pairs(t, srv.App)[0].ID
	return g
}

func (g *garden) merge(u *synctest.User, pairID string, d any) (int, map[string]any) {
	return call(u, http.MethodPost, "/api/maillage/duplicates/"+pairID+"/merge", d)
}

func call(u *synctest.User, method, path string, body any) (int, map[string]any) {
	status, data, err := u.Call(method, path, body)
	if err != nil {
		panic(err)
	}
	out := map[string]any{}
	_ = json.Unmarshal(data, &out)
	return status, out
}

// The kept record takes the chosen values, fills what it lacked from the other and keeps both
// sources; the other becomes a soft-deleted redirect; a re-import of either source finds the
// kept record.
func TestMergeKeepsChosenValuesAndBothProvenances(t *testing.T) {
	g := newGarden(t)
	status, body := g.merge(g.mod, g.pairID, map[string]any{"keep": g.a.Id,
		"fields": map[string]string{"description": g.b.Id, "name": g.a.Id},
		"values": map[string]any{"openingHours": "Sa 10:00-13:00"}})
	if status != http.StatusOK {
		t.Fatalf("merge: status %d %v, want 200", status, body)
	}
	app := g.srv.App
	kept, gone := reload(t, app, g.a), reload(t, app, g.b)
	checks := map[string][2]any{
		"name":          {kept.GetString("name"), "Jardin partagé des Poireaux"},
		"description":   {kept.GetString("description"), g.b.GetString("description")},
		"openingHours":  {kept.GetString("openingHours"), "Sa 10:00-13:00"},
		"website":       {kept.GetString("website"), "https://poireaux.example.org"},
		"geo":           {kept.GetGeoPoint(s.FieldGeo), g.a.GetGeoPoint(s.FieldGeo)},
		"other deleted": {gone.GetBool(s.FieldDeleted), true},
		"mergedInto":    {gone.GetString(s.FieldMergedInto), g.a.Id},
	}
	for what, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s: got %v, want %v", what, c[0], c[1])
		}
	}
	prov, err := dedup.Provenance(app, kept)
	want := []dedup.Origin{{Source: "carte-a", ExternalID: "1", Licence: "ODbL", Attribution: "© Carte A"}, {Source: "carte-b", ExternalID: "x9"}}
	if err != nil || len(prov) != 2 || prov[0] != want[0] || prov[1] != want[1] {
		t.Errorf("provenance %+v (%v), want %+v", prov, err, want)
	}
	if p := pairs(t, app)[0]; p.Status != s.DupMerged || p.DecidedBy != g.mod.ID() {
		t.Errorf("pair after merge: %+v, want merged by %s", p, g.mod.ID())
	}
	for _, key := range [][2]string{{"carte-a", "1"}, {"carte-b", "x9"}} {
		if id, err := dedup.Resolve(app, s.Initiatives, key[0], key[1]); err != nil || id != g.a.Id {
			t.Errorf("Resolve(%s, %s) = %q, %v; want the kept record %s", key[0], key[1], id, err, g.a.Id)
		}
	}
	if _, err := dedup.Resolve(app, s.Initiatives, "carte-b", "nope"); !errors.Is(err, dedup.ErrNotFound) {
		t.Errorf("Resolve of an item never imported: %v, want ErrNotFound", err)
	}
}

// A merge whose second save fails changes nothing at all: the kept record's new values are
// rolled back with it.
func TestMergeIsAtomic(t *testing.T) {
	g := newGarden(t)
	g.srv.App.OnRecordUpdate(s.Initiatives).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(s.FieldMergedInto) != "" {
			return errors.New("disk full") // the redirect's save fails, after the kept record's
		}
		return e.Next()
	})
	status, _ := g.merge(g.mod, g.pairID, map[string]any{"keep": g.a.Id, "fields": map[string]string{"description": g.b.Id}})
	if status < 400 {
		t.Fatalf("merge with a failing save: status %d, want an error", status)
	}
	assertUntouched(t, g)
}

// assertUntouched checks that both records and the pair are as newGarden left them.
func assertUntouched(t *testing.T, g *garden) {
	t.Helper()
	for _, want := range []*core.Record{g.a, g.b} {
		got := reload(t, g.srv.App, want)
		if got.GetString("description") != want.GetString("description") || got.GetBool(s.FieldDeleted) ||
			got.GetString(s.FieldMergedInto) != "" || got.GetString("website") != want.GetString("website") ||
			string(mustJSON(got.Get(s.FieldProvenance))) != "null" {
			t.Errorf("record %s changed: description %q, deleted %v, mergedInto %q, provenance %s", got.Id,
				got.GetString("description"), got.GetBool(s.FieldDeleted), got.GetString(s.FieldMergedInto), mustJSON(got.Get(s.FieldProvenance)))
		}
	}
	if p := pairs(t, g.srv.App); len(p) != 1 || p[0].Status != s.DupOpen {
		t.Errorf("pairs %+v, want the one pair still open", p)
	}
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// Refusals say why, in the requester's language, and change nothing. The resident's 403 is
// the negative control of the access check: the same merge by the moderator succeeds.
func TestMergeRefusals(t *testing.T) {
	g := newGarden(t)
	valid := map[string]any{"keep": g.a.Id, "fields": map[string]string{"description": g.b.Id}}
	cases := []struct {
		name   string
		user   *synctest.User
		pair   string
		body   any
		status int
		field  string
		code   string
	}{
		{"anonymous", g.srv.Anonymous(), g.pairID, valid, 401, "auth", "dedup_sign_in"},
		{"resident", g.resi, g.pairID, valid, 403, "auth", "dedup_moderators_only"},
		{"unknown pair", g.mod, "nosuchpair00000", valid, 404, "pair", "dedup_pair_not_found"},
		{"keep outside the pair", g.mod, g.pairID, map[string]any{"keep": "zzzzzzzzzzzzzzz"}, 400, "keep", "dedup_keep_not_in_pair"},
		{"a managed field", g.mod, g.pairID, map[string]any{"keep": g.a.Id, "fields": map[string]string{"author": g.b.Id}}, 400, "fields.author", "dedup_field_not_mergeable"},
		{"photos", g.mod, g.pairID, map[string]any{"keep": g.a.Id, "fields": map[string]string{"photos": g.b.Id}}, 400, "fields.photos", "dedup_field_not_mergeable"},
		{"a third record's value", g.mod, g.pairID, map[string]any{"keep": g.a.Id, "fields": map[string]string{"name": "zzzzzzzzzzzzzzz"}}, 400, "fields.name", "dedup_choice_not_in_pair"},
		{"a field chosen twice", g.mod, g.pairID, map[string]any{"keep": g.a.Id, "fields": map[string]string{"name": g.b.Id}, "values": map[string]any{"name": "X"}}, 400, "fields.name", "dedup_field_twice"},
		{"an invalid merged record", g.mod, g.pairID, map[string]any{"keep": g.a.Id, "values": map[string]any{"name": strings.Repeat("x", 300)}}, 400, "name", ""},
		{"not JSON", g.mod, g.pairID, "{keep", 400, "body", "dedup_body_invalid"},
	}
	for _, c := range cases {
		status, body := g.merge(c.user, c.pair, c.body)
		data, _ := body["data"].(map[string]any)
		item, _ := data[c.field].(map[string]any)
		if status != c.status || item == nil || (c.code != "" && item["code"] != c.code) {
			t.Errorf("%s: status %d, body %v; want %d with data.%s.code %q", c.name, status, body, c.status, c.field, c.code)
		}
		assertUntouched(t, g)
	}
	status, body := g.merge(g.mod, g.pairID, valid)
	if status != http.StatusOK {
		t.Fatalf("the same merge by the moderator: status %d %v, want 200", status, body)
	}
	status, body = g.merge(g.mod, g.pairID, valid)
	if data, _ := body["data"].(map[string]any); status != 409 || data["pair"].(map[string]any)["code"] != "dedup_already_decided" {
		t.Errorf("merge twice: status %d %v, want 409 dedup_already_decided", status, body)
	}
}

// A refusal is written in the requester's language (here from Accept-Language: signed-in
// users have their profile's locale).
func TestMergeRefusalInEnglish(t *testing.T) {
	g := newGarden(t)
	req, _ := http.NewRequest(http.MethodPost, g.srv.URL+"/api/maillage/duplicates/"+g.pairID+"/merge", strings.NewReader(`{"keep":"x"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	res, err := g.srv.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Message string }
	_ = json.NewDecoder(res.Body).Decode(&body)
	if res.StatusCode != 401 || !strings.HasPrefix(body.Message, "Sign in with a moderator account") {
		t.Errorf("status %d, message %q, want 401 in English", res.StatusCode, body.Message)
	}
}

// A dismissed pair stays dismissed: flagging its records again stores nothing.
func TestDismiss(t *testing.T) {
	g := newGarden(t)
	if status, body := call(g.resi, http.MethodPost, "/api/maillage/duplicates/"+g.pairID+"/dismiss", nil); status != 403 {
		t.Errorf("a resident dismisses: status %d %v, want 403", status, body)
	}
	if status, body := call(g.mod, http.MethodPost, "/api/maillage/duplicates/"+g.pairID+"/dismiss", nil); status != 200 {
		t.Fatalf("dismiss: status %d %v, want 200", status, body)
	}
	if p := pairs(t, g.srv.App); len(p) != 1 || p[0].Status != s.DupDismissed || p[0].DecidedBy != g.mod.ID() {
		t.Errorf("pairs %+v, want one dismissed by the moderator", p)
	}
	if n := flag(t, g.srv.App, g.a); n != 0 {
		t.Errorf("flag after dismissal: %d pairs stored, want 0", n)
	}
	if status, _ := g.merge(g.mod, g.pairID, map[string]any{"keep": g.a.Id}); status != 409 {
		t.Errorf("merge a dismissed pair: status %d, want 409", status)
	}
}

// Through the collection's own API a moderator may only dismiss or reopen a pair, which names
// them; a resident may not even read it.
func TestPairsThroughTheRecordAPI(t *testing.T) {
	g := newGarden(t)
	path := "/api/collections/" + s.Duplicates + "/records/" + g.pairID
	if status, _ := call(g.resi, http.MethodGet, path, nil); status != 404 {
		t.Errorf("a resident reads a pair: status %d, want 404", status)
	}
	if status, body := call(g.mod, http.MethodPatch, path, map[string]any{"status": s.DupMerged}); status < 400 {
		t.Errorf("a moderator marks a pair merged without merging: status %d %v, want a refusal", status, body)
	}
	if status, body := call(g.mod, http.MethodPatch, path, map[string]any{"score": 0.1}); status < 400 {
		t.Errorf("a moderator changes a score: status %d %v, want a refusal", status, body)
	}
	if status, body := call(g.mod, http.MethodPatch, path, map[string]any{"status": s.DupDismissed}); status != 200 {
		t.Fatalf("a moderator dismisses: status %d %v, want 200", status, body)
	}
	if p := pairs(t, g.srv.App)[0]; p.Status != s.DupDismissed || p.DecidedBy != g.mod.ID() {
		t.Errorf("pair %+v, want dismissed by %s", p, g.mod.ID())
	}
}
