package indicators_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/indicators"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// benchRecords is how many records the benchmark's territory holds.
const benchRecords = 100_000

// seedRaw inserts n initiatives with raw SQL in one transaction (fast; the hooks do not see
// them, Recount counts them): three communes and none, 24 months, 500 authors, one in ten
// private, one in five imported.
func seedRaw(b *testing.B, app core.App, communes []string, n int) {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	err := app.RunInTransaction(func(tx core.App) error {
		q := tx.DB().NewQuery(`INSERT INTO initiatives (id, name, visibility, status, deleted, commune, source,
			author, created, updated) VALUES ({:id}, 'n', {:v}, 'published', 0, {:c}, {:src}, {:a}, {:d}, {:d})`).Prepare()
		defer q.Close()
		for i := range n {
			v, src := s.VisibilityPublic, ""
			if i%10 == 0 {
				v = s.VisibilityPrivate
			}
			if i%5 == 0 {
				src = "osm"
			}
			d := fmt.Sprintf("%d-%02d-10 09:00:00.000Z", 2025+rng.IntN(2), 1+rng.IntN(12))
			_, err := q.Bind(dbx.Params{"id": fmt.Sprintf("b%014d", i), "v": v, "c": pick4(rng, communes), "src": src,
				"a": fmt.Sprintf("u%014d", rng.IntN(500)), "d": d}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// pick4 returns one of the communes or none.
func pick4(rng *rand.Rand, communes []string) string {
	i := rng.IntN(len(communes) + 1)
	if i == len(communes) {
		return ""
	}
	return communes[i]
}

// BenchmarkIndicators seeds 100,000 records, then times: the route's answer after one
// incremental update (update+query), the route's answer alone (query), and a full Recount.
func BenchmarkIndicators(b *testing.B) {
	app := testapp.New(b, server.Config{})
	var communes []string
	for _, code := range []string{"93066", "93001", "93027"} {
		communes = append(communes, testapp.NewRecord(b, app, s.Communes, map[string]any{"code": code, "name": code, "territory": "t"}).Id)
	}
	seedRaw(b, app, communes, benchRecords)
	if err := indicators.Recount(app); err != nil {
		b.Fatal(err)
	}
	mux := router(b, app)
	url := indicators.PathIndicators + "?commune=" + communes[0] + "&from=2025-01&to=2026-12"
	one, err := app.FindRecordById(s.Initiatives, "b00000000000001")
	if err != nil {
		b.Fatal(err)
	}
	author, _ := testapp.NewUser(b, app, "author@example.org", s.RoleFacilitator)
	one.Set(s.FieldAuthor, author.Id)
	b.Run("update+query", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			one.Set(s.FieldCommune, communes[i%len(communes)])
			if err := app.Save(one); err != nil {
				b.Fatal(err)
			}
			ask(b, mux, url)
		}
	})
	b.Run("query", func(b *testing.B) {
		for b.Loop() {
			ask(b, mux, url)
		}
	})
	b.Run("recount", func(b *testing.B) {
		for b.Loop() {
			if err := indicators.Recount(app); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// router builds the app's real router.
func router(b *testing.B, app core.App) http.Handler {
	return testapp.Router(b, app)
}

// ask gets url and fails on anything but a 200.
func ask(b *testing.B, mux http.Handler, url string) {
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
	if rec.Code != http.StatusOK {
		b.Fatalf("%d %s", rec.Code, rec.Body)
	}
}
