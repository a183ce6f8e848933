package indicators_test

import (
	"fmt"
	"maps"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/indicators"
	s "github.com/maillage/maillage/schema"
)

// differences lists where the incremental counters and a recount from scratch disagree.
func differences(t *testing.T, w *world) []string {
	t.Helper()
	incremental, err := indicators.Snapshot(w.app)
	if err != nil {
		t.Fatal(err)
	}
	if err := indicators.Recount(w.app); err != nil {
		t.Fatal(err)
	}
	fresh, err := indicators.Snapshot(w.app)
	if err != nil {
		t.Fatal(err)
	}
	var diffs []string
	for k := range maps.Keys(union(incremental.Cells, fresh.Cells)) {
		if incremental.Cells[k] != fresh.Cells[k] {
			diffs = append(diffs, fmt.Sprintf("%+v: incremental %d, recount %d", k, incremental.Cells[k], fresh.Cells[k]))
		}
	}
	for k := range maps.Keys(union(incremental.People, fresh.People)) {
		if incremental.People[k] != fresh.People[k] {
			diffs = append(diffs, fmt.Sprintf("%+v: incremental %d, recount %d", k, incremental.People[k], fresh.People[k]))
		}
	}
	return diffs
}

// union returns a map with the keys of a and b.
func union[K comparable](a, b map[K]int) map[K]int {
	u := maps.Clone(a)
	for k, v := range b {
		u[k] += v
	}
	return u
}

// TestIncrementalMatchesRecount: after a random sequence of creates, updates and deletes, the
// counters kept by the hooks equal a recount from scratch (several seeds).
func TestIncrementalMatchesRecount(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			w := newWorld(t, seed)
			for range 80 {
				w.step()
			}
			snap, _ := indicators.Snapshot(w.app)
			if len(snap.Cells) == 0 {
				t.Fatal("no figure counted: the test would prove nothing")
			}
			if d := differences(t, w); len(d) > 0 {
				t.Errorf("seed %d: %d differences, first: %s", seed, len(d), d[0])
			}
		})
	}
}

// TestIncrementalMatchesRecountWithOthers: the same with comments, suggestions, proposals, the
// roll of their ballots and bookings among the writes (each kind shown to have happened).
func TestIncrementalMatchesRecountWithOthers(t *testing.T) {
	done := saved{}
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			w := newWorld(t, seed)
			for range 120 {
				if w.rng.IntN(2) == 0 {
					w.step()
				} else {
					w.other(done)
				}
			}
			if d := differences(t, w); len(d) > 0 {
				t.Errorf("seed %d: %d differences, first: %s", seed, len(d), d[0])
			}
		})
	}
	for _, kind := range []string{"comment", "suggestion", "proposal", "ballot", "update suggestions", "update proposals", "delete proposals", "booking", "update bookings"} {
		if done[kind] == 0 {
			t.Errorf("no %s went through: the test does not exercise it (%v)", kind, done)
		}
	}
	t.Logf("writes: %v", done)
}

// TestRecountCatchesBypassedWrite is the negative control: a write the hooks do not see (raw
// SQL making a public record private) leaves counters the comparison shows wrong.
func TestRecountCatchesBypassedWrite(t *testing.T) {
	w := newWorld(t, 7)
	for range 40 {
		w.create()
	}
	shown := publish(t, w, w.communes[0], s.VisibilityPublic, s.StatusPublished, false)
	_, err := w.app.DB().NewQuery(`UPDATE initiatives SET visibility = 'private' WHERE id = {:id}`).
		Bind(dbx.Params{"id": shown.Id}).Execute()
	if err != nil {
		t.Fatal(err)
	}
	if d := differences(t, w); len(d) == 0 {
		t.Error("a write that bypassed the hooks went unnoticed")
	}
}

// TestRecountCatchesUnboundUpdateHook is the second negative control: with the update hook
// unbound, the same random sequence leaves counters the comparison shows wrong.
func TestRecountCatchesUnboundUpdateHook(t *testing.T) {
	w := newWorld(t, 1)
	w.app.OnRecordUpdateExecute().Unbind(indicators.UpdateHook)
	for range 80 {
		w.step()
	}
	if d := differences(t, w); len(d) == 0 {
		t.Error("updates the hooks missed went unnoticed")
	}
}
