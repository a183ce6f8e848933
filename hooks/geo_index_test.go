package hooks_test

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/hooks"
	s "github.com/maillage/maillage/schema"
)

// indexDrift compares collection's records with its R*Tree, row by row, and describes the
// first difference ("" when they agree): every located record indexed at its point (to the
// R*Tree's float32 precision), nothing else indexed.
func indexDrift(app core.App, collection string) (string, error) {
	var rows []struct {
		RowID int64    `db:"rowid"`
		Lon   *float64 `db:"lon"`
		Lat   *float64 `db:"lat"`
	}
	err := app.DB().NewQuery(fmt.Sprintf(`SELECT rowid, json_extract(geo, '$.lon') AS lon, json_extract(geo, '$.lat') AS lat FROM [[%s]]`, collection)).All(&rows)
	if err != nil {
		return "", err
	}
	var index []struct {
		ID     int64   `db:"id"`
		MinLon float64 `db:"minLon"`
		MinLat float64 `db:"minLat"`
	}
	if err := app.DB().NewQuery(fmt.Sprintf("SELECT id, minLon, minLat FROM [[%s]]", s.GeoIndexTable(collection))).All(&index); err != nil {
		return "", err
	}
	indexed := map[int64][2]float64{}
	for _, r := range index {
		indexed[r.ID] = [2]float64{r.MinLon, r.MinLat}
	}
	for _, r := range rows {
		p, in := indexed[r.RowID]
		delete(indexed, r.RowID)
		located := r.Lon != nil && r.Lat != nil && !(*r.Lon == 0 && *r.Lat == 0)
		switch {
		case located && !in:
			return fmt.Sprintf("row %d at %v,%v is not indexed", r.RowID, *r.Lon, *r.Lat), nil
		case !located && in:
			return fmt.Sprintf("row %d has no location but is indexed at %v", r.RowID, p), nil
		case located && (math.Abs(p[0]-*r.Lon) > 1e-4 || math.Abs(p[1]-*r.Lat) > 1e-4):
			return fmt.Sprintf("row %d is at %v,%v but indexed at %v", r.RowID, *r.Lon, *r.Lat, p), nil
		}
	}
	for id := range indexed {
		return fmt.Sprintf("index holds row %d, which does not exist", id), nil
	}
	return "", nil
}

func wantInStep(t *testing.T, app core.App, collection, step string) {
	t.Helper()
	drift, err := indexDrift(app, collection)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	if drift != "" {
		t.Errorf("after %s: %s", step, drift)
	}
}

func TestGeoIndexFollowsEveryWritePath(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	for _, c := range s.Content {
		t.Run(c, func(t *testing.T) { followWrites(t, w, c) })
	}
}

func followWrites(t *testing.T, w *geoWorld, collection string) {
	rec := w.newRecord(t, collection, w.fac, basilique)
	if err := w.app.Save(rec); err != nil {
		t.Fatal(err)
	}
	wantInStep(t, w.app, collection, "create")
	rec.Set(s.FieldGeo, mairieAuber.geo())
	if err := w.app.Save(rec); err != nil {
		t.Fatal(err)
	}
	wantInStep(t, w.app, collection, "move")
	rec.Set(s.FieldGeo, map[string]any{"lon": 0, "lat": 0})
	if err := w.app.Save(rec); err != nil {
		t.Fatal(err)
	}
	wantInStep(t, w.app, collection, "location removed")
	w.call(t, http.MethodPost, "/api/batch", w.facTok, map[string]any{"requests": []map[string]any{
		{"method": "POST", "url": recordsURL(collection), "body": fields(collection, w.fac, mairieStain, nil)},
		{"method": "PATCH", "url": recordsURL(collection) + "/" + rec.Id, "body": map[string]any{s.FieldGeo: basilique.geo()}},
	}}, http.StatusOK)
	wantInStep(t, w.app, collection, "batch")
	rawSQL(t, w, collection, rec.Id)
	wantInStep(t, w.app, collection, "raw SQL")
	if err := w.app.Delete(rec); err != nil {
		t.Fatal(err)
	}
	wantInStep(t, w.app, collection, "delete")
}

// rawSQL moves id and inserts a row behind PocketBase's back.
func rawSQL(t *testing.T, w *geoWorld, collection, id string) {
	t.Helper()
	for _, q := range []string{
		fmt.Sprintf(`UPDATE [[%s]] SET geo = '{"lon":2.3700,"lat":48.9300}' WHERE id = {:id}`, collection),
		fmt.Sprintf(`INSERT INTO [[%s]] (id, geo) VALUES ({:raw}, '{"lon":2.3650,"lat":48.9400}')`, collection),
	} {
		if _, err := w.app.DB().NewQuery(q).Bind(map[string]any{"id": id, "raw": "raw" + id[:12]}).Execute(); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestGeoIndexRollsBackWithItsTransaction(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	kept := w.newRecord(t, s.Initiatives, w.fac, basilique)
	if err := w.app.Save(kept); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := w.app.RunInTransaction(func(tx core.App) error {
		if err := tx.Save(w.newRecord(t, s.Initiatives, w.fac, mairieStain)); err != nil {
			return err
		}
		kept.Set(s.FieldGeo, mairieAuber.geo())
		if err := tx.Save(kept); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the transaction's own error", err)
	}
	wantInStep(t, w.app, s.Initiatives, "rollback")
	var n int
	if err := w.app.DB().NewQuery("SELECT count(*) FROM [[" + s.GeoIndexTable(s.Initiatives) + "]]").Row(&n); err != nil || n != 1 {
		t.Errorf("index rows after rollback: got %d (%v), want 1", n, err)
	}
	// A refused save (outside the territory) leaves the index alone too.
	_ = w.app.Save(w.newRecord(t, s.Initiatives, w.fac, notreDame))
	wantInStep(t, w.app, s.Initiatives, "refused save")
}

// Negative control: without its update trigger the index drifts and indexDrift says so, so
// the checks above can fail.
func TestIndexDriftCatchesAMissingTrigger(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	rec := w.newRecord(t, s.Offers, w.fac, basilique)
	if err := w.app.Save(rec); err != nil {
		t.Fatal(err)
	}
	if _, err := w.app.DB().NewQuery("DROP TRIGGER [[" + s.GeoIndexTable(s.Offers) + "_au]]").Execute(); err != nil {
		t.Fatal(err)
	}
	rec.Set(s.FieldGeo, mairieAuber.geo())
	if err := w.app.Save(rec); err != nil {
		t.Fatal(err)
	}
	if drift, err := indexDrift(w.app, s.Offers); err != nil || drift == "" {
		t.Errorf("got drift %q (%v), want the moved row reported", drift, err)
	}
	// EnsureGeoIndex (run at start and after schema changes) repairs it.
	if err := hooks.EnsureGeoIndex(w.app, s.Offers); err != nil {
		t.Fatal(err)
	}
	wantInStep(t, w.app, s.Offers, "EnsureGeoIndex")
}

// At start EnsureGeoIndex only rewrites an index that drifted: one whose rows point at other
// records (as after a VACUUM renumbered rowids), or that misses or holds extra rows.
func TestEnsureGeoIndexRepairsEveryKindOfDrift(t *testing.T) {
	w := newGeoWorld(t, hooks.GeoConfig{})
	for _, at := range []lonLat{basilique, mairieAuber, mairieStain} {
		if err := w.app.Save(w.newRecord(t, s.Events, w.fac, at)); err != nil {
			t.Fatal(err)
		}
	}
	idx := "[[" + s.GeoIndexTable(s.Events) + "]]"
	for name, damage := range map[string]string{
		"renumbered": "UPDATE " + idx + " SET id = id + 1000",
		"swapped":    "UPDATE " + idx + " SET minLon = minLon + 0.01, maxLon = maxLon + 0.01 WHERE id = (SELECT min(id) FROM " + idx + ")",
		"missing":    "DELETE FROM " + idx + " WHERE id = (SELECT max(id) FROM " + idx + ")",
		"extra":      "INSERT INTO " + idx + " VALUES (99999, 2.3, 2.3, 48.9, 48.9)",
	} {
		if _, err := w.app.DB().NewQuery(damage).Execute(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if drift, _ := indexDrift(w.app, s.Events); drift == "" {
			t.Fatalf("%s: the damage did not show", name)
		}
		if err := hooks.EnsureGeoIndex(w.app, s.Events); err != nil {
			t.Fatal(err)
		}
		wantInStep(t, w.app, s.Events, name+" then EnsureGeoIndex")
	}
}
