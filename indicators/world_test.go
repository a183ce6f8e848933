package indicators_test

// A small territory for the indicators' tests: communes, people, and random writes of every
// kind of record the figures count, through the models (so the hooks run).

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/indicators"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// world is a test app with its communes, people and the records written so far.
type world struct {
	t        *testing.T
	app      *tests.TestApp
	rng      *rand.Rand
	communes []string
	people   []string
	records  []*core.Record
	others   []*core.Record // comments, suggestions, proposals, roll rows
	mux      http.Handler   // the app's router, built on first request
}

// newWorld builds a fresh app with three communes and four people, counters recounted.
func newWorld(t *testing.T, seed uint64) *world {
	t.Helper()
	w := &world{t: t, app: testapp.New(t, server.Config{}), rng: rand.New(rand.NewPCG(seed, 11))}
	for i, code := range []string{"93066", "93001", "93027"} {
		c := testapp.NewRecord(t, w.app, s.Communes, map[string]any{"code": code, "name": "Commune " + code, "territory": "test"})
		w.communes = append(w.communes, c.Id)
		u, _ := testapp.NewUser(t, w.app, fmt.Sprintf("p%d@example.org", i), s.RoleFacilitator)
		w.people = append(w.people, u.Id)
	}
	u, _ := testapp.NewUser(t, w.app, "p3@example.org", s.RoleResident)
	w.people = append(w.people, u.Id)
	if err := indicators.Recount(w.app); err != nil {
		t.Fatalf("recount: %v", err)
	}
	return w
}

// pick returns one of values at random.
func pick[T any](w *world, values []T) T { return values[w.rng.IntN(len(values))] }

// date returns a random date in 2025–2026.
func (w *world) date() types.DateTime {
	d, _ := types.ParseDateTime(time.Date(2025, time.Month(1+w.rng.IntN(24)), 1+w.rng.IntN(28), 12, 0, 0, 0, time.UTC))
	return d
}

// shape sets the fields that decide whether and where a record counts, at random.
func (w *world) shape(r *core.Record) {
	r.Set(s.FieldVisibility, pick(w, []string{s.VisibilityPublic, s.VisibilityPublic, s.VisibilityCommunity, s.VisibilityPrivate}))
	r.Set(s.FieldStatus, pick(w, []string{s.StatusPublished, s.StatusPublished, s.StatusPending, s.StatusArchived}))
	r.Set(s.FieldDeleted, w.rng.IntN(6) == 0)
	r.Set(s.FieldCommune, pick(w, append([]string{""}, w.communes...)))
	r.Set(s.FieldSource, pick(w, []string{"", "", "osm"}))
	r.Set(s.FieldAuthor, pick(w, w.people))
	switch r.Collection().Name {
	case s.Events:
		r.Set("start", w.date())
	case s.Offers:
		if !r.IsNew() {
			r.Set("state", pick(w, []string{"open", "reserved", "done"}))
		}
	}
}

// create saves a new record of a random counted collection.
func (w *world) create() {
	name := pick(w, s.Content)
	c, _ := w.app.FindCollectionByNameOrId(name)
	r := core.NewRecord(c)
	r.Set("name", "n")
	r.Set("title", "t")
	r.Set("kind", "offer")
	r.Set("mode", pick(w, []string{"gift", s.ModeLoan}))
	r.SetRaw(s.FieldCreated, w.date())
	w.shape(r)
	w.save(r)
	w.records = append(w.records, r)
}

// update reshapes a random record; delete removes one.
func (w *world) update() {
	if len(w.records) == 0 {
		return
	}
	r, err := w.app.FindRecordById(pick(w, w.records).Collection(), pick(w, w.records).Id)
	if err != nil {
		return // deleted since
	}
	w.shape(r)
	_ = w.app.Save(r) // a refused change (an offer's state going back) must move nothing either
}

func (w *world) delete() {
	if len(w.records) == 0 {
		return
	}
	i := w.rng.IntN(len(w.records))
	if err := w.app.Delete(w.records[i]); err != nil {
		w.t.Fatalf("delete: %v", err)
	}
	w.records = append(w.records[:i], w.records[i+1:]...)
}

func (w *world) save(r *core.Record) {
	w.t.Helper()
	if err := w.app.Save(r); err != nil {
		w.t.Fatalf("save %s: %v", r.Collection().Name, err)
	}
}

// step does one random write.
func (w *world) step() {
	switch n := w.rng.IntN(10); {
	case n < 5:
		w.create()
	case n < 8:
		w.update()
	default:
		w.delete()
	}
}
