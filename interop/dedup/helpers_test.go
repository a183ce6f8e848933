package dedup_test

import (
	"encoding/json"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop/dedup"
	s "github.com/maillage/maillage/schema"
)

// origin is a place in Saint-Denis; north(m) is m metres north of it.
const originLon, originLat = 2.3580, 48.9360

func north(m float64) types.GeoPoint {
	return types.GeoPoint{Lon: originLon, Lat: originLat + m/111195.0}
}

func newApp(t testing.TB) *tests.TestApp {
	t.Helper()
	return testapp.New(t, server.Config{})
}

// imported saves a published public record as an import would: with a source and an id there.
func imported(t testing.TB, app core.App, coll, source, ext string, fields map[string]any) *core.Record {
	t.Helper()
	all := map[string]any{s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic,
		s.FieldSource: source, s.FieldExternalID: ext}
	for k, v := range fields {
		all[k] = v
	}
	return testapp.NewRecord(t, app, coll, all)
}

// pair is a stored duplicates row.
type pair struct {
	ID         string `db:"id"`
	Collection string `db:"collection"`
	A          string `db:"recordA"`
	B          string `db:"recordB"`
	Score      float64
	Reasons    dedup.Reasons
	Status     string `db:"status"`
	DecidedBy  string `db:"decidedBy"`
}

// pairs reads every stored pair, oldest first.
func pairs(t testing.TB, app core.App) []pair {
	t.Helper()
	recs, err := app.FindRecordsByFilter(s.Duplicates, "", "created,id", 0, 0)
	if err != nil {
		t.Fatalf("read pairs: %v", err)
	}
	out := make([]pair, len(recs))
	for i, r := range recs {
		out[i] = pair{ID: r.Id, Collection: r.GetString(s.FieldDupCollection), A: r.GetString(s.FieldDupRecordA),
			B: r.GetString(s.FieldDupRecordB), Score: r.GetFloat(s.FieldDupScore), Status: r.GetString(s.FieldStatus),
			DecidedBy: r.GetString(s.FieldDupDecidedBy)}
		raw, _ := json.Marshal(r.Get(s.FieldDupReasons))
		if err := json.Unmarshal(raw, &out[i].Reasons); err != nil {
			t.Fatalf("pair %s reasons %s: %v", r.Id, raw, err)
		}
	}
	return out
}

// flag runs dedup.Flag and fails the test on error.
func flag(t testing.TB, app core.App, rec *core.Record) int {
	t.Helper()
	n, err := dedup.Flag(app, rec)
	if err != nil {
		t.Fatalf("flag %s: %v", rec.GetString("name"), err)
	}
	return n
}

// reload reads a record again from the database.
func reload(t testing.TB, app core.App, rec *core.Record) *core.Record {
	t.Helper()
	got, err := app.FindRecordById(rec.Collection().Name, rec.Id)
	if err != nil {
		t.Fatalf("reload %s: %v", rec.Id, err)
	}
	return got
}

// keyCount counts the keys table's rows of a record.
func keyCount(t testing.TB, app core.App, id string) int {
	t.Helper()
	var n int
	if err := app.DB().NewQuery("SELECT count(*) FROM _dedup_keys WHERE rid = {:id}").Bind(dbx.Params{"id": id}).Row(&n); err != nil {
		t.Fatalf("count keys: %v", err)
	}
	return n
}

func ordered(a, b string) (string, string) {
	if b < a {
		return b, a
	}
	return a, b
}
