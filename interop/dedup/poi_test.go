package dedup_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/internal/fixtures"
	s "github.com/maillage/maillage/schema"
)

// loadFranceServices imports the France services of Seine-Saint-Denis (ANCT's list) as
// initiatives of the source "france-services", and returns them by their id there.
func loadFranceServices(t testing.TB, app core.App) map[string]*core.Record {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(fixtures.Read(t, "poi", "france-services-20240801.csv"))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("read France services: %d rows, %v", len(rows), err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	out := map[string]*core.Record{}
	for _, r := range rows[1:] {
		if r[col["insee_dep"]] != "93" {
			continue
		}
		lat, _ := strconv.ParseFloat(r[col["latitude"]], 64)
		lon, _ := strconv.ParseFloat(r[col["longitude"]], 64)
		out[r[col["id_fs"]]] = imported(t, app, s.Initiatives, "france-services", r[col["id_fs"]], map[string]any{
			"name": strings.TrimSpace(r[col["lib_fs"]]), "address": r[col["adresse"]],
			"contact": r[col["mail"]] + " · " + r[col["telephone"]], s.FieldGeo: types.GeoPoint{Lon: lon, Lat: lat}})
	}
	return out
}

// loadCNFS imports the digital-help places of Seine-Saint-Denis as initiatives of the source
// "cnfs".
func loadCNFS(t testing.TB, app core.App) []*core.Record {
	t.Helper()
	var places []map[string]any
	if err := json.Unmarshal(fixtures.Read(t, "poi", "lieux-cnfs-idf-2022.json"), &places); err != nil {
		t.Fatalf("read CNFS places: %v", err)
	}
	var out []*core.Record
	for _, p := range places {
		str := func(k string) string { v, _ := p[k].(string); return v }
		if !strings.HasPrefix(str("code_postal"), "93") {
			continue
		}
		lat, _ := p["latitude"].(float64)
		lon, _ := p["longitude"].(float64)
		out = append(out, imported(t, app, s.Initiatives, "cnfs", str("id"), map[string]any{
			"name": str("nom"), "address": str("adresse"), "website": str("site_web"),
			"contact": strings.Trim(str("courriel")+" · "+str("telephone"), " ·"), s.FieldGeo: types.GeoPoint{Lon: lon, Lat: lat}}))
	}
	return out
}

// Real data: the France services and the digital-help places of Seine-Saint-Denis, two ANCT
// lists with places in common. The France services of L'Île-Saint-Denis is in both, under two
// names ("France services de L'Île-Saint-Denis", "Maison France Services") at the same point
// with the same e-mail address: it must be found, and so must the France services of
// Villetaneuse, listed by the CNFS as "Maison commune espace numérique" at the same point with
// the same phone number. Every pair found is listed in the log.
func TestFlagRealPlaces(t *testing.T) {
	app := newApp(t)
	fs := loadFranceServices(t, app)
	cnfs := loadCNFS(t, app)
	if len(fs) != 32 || len(cnfs) != 44 {
		t.Fatalf("loaded %d France services and %d CNFS places of the 93, want 32 and 44", len(fs), len(cnfs))
	}
	total := 0
	for _, rec := range cnfs {
		total += flag(t, app, rec)
	}
	names := map[string]string{}
	for _, rec := range append(cnfs, values(fs)...) {
		names[rec.Id] = rec.GetString(s.FieldSource) + ": " + rec.GetString("name")
	}
	want := map[string]string{fs["2851"].Id: "e-mail", byName(t, fs, "France services de Villetaneuse").Id: "phone"}
	for _, p := range pairs(t, app) {
		d := -1.0
		if p.Reasons.Distance != nil {
			d = *p.Reasons.Distance
		}
		t.Logf("pair %.2f (%.0f m, name %.2f, phone %v, e-mail %v): %s | %s", p.Score, d, p.Reasons.Name,
			p.Reasons.Phone, p.Reasons.Email, names[p.A], names[p.B])
		for _, id := range []string{p.A, p.B} {
			if (want[id] == "e-mail" && p.Reasons.Email) || (want[id] == "phone" && p.Reasons.Phone) {
				delete(want, id)
			}
		}
	}
	for id, why := range want {
		t.Errorf("%s was not paired with its CNFS entry by %s (%d pairs found)", names[id], why, total)
	}
}

func byName(t *testing.T, recs map[string]*core.Record, name string) *core.Record {
	t.Helper()
	for _, r := range recs {
		if r.GetString("name") == name {
			return r
		}
	}
	t.Fatalf("no record named %q", name)
	return nil
}

func values(m map[string]*core.Record) []*core.Record {
	out := make([]*core.Record, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	return out
}
