package dedup_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/maillage/maillage/internal/prepared"
	"github.com/maillage/maillage/interop/dedup"
	s "github.com/maillage/maillage/schema"
)

// A Search over a run finds, for each record, the pairs FindIn finds once every record
// searched before it is committed, though its snapshot was taken before the run: records near
// one from before the run and near one of the run's own (by location alone), an e-mail shared with one of the
// run's records, and a phone that records from before the run and the run's hold together,
// until more than MaxKeyShare hold it. Control: FindIn on the search's own snapshot misses the
// run's pairs, which the comparison catches.
func TestSearchFindsWhatFindInFinds(t *testing.T) {
	app := newApp(t)
	const shared = 12 // holders of the common phone before the run
	for i := range shared {
		imported(t, app, s.Organisations, "annuaire", fmt.Sprint(i), map[string]any{"name": "Maison des associations", "contact": "09 70 80 80 80"})
	}
	imported(t, app, s.Organisations, "annuaire", "parc", map[string]any{"name": "Les Amis du Parc", s.FieldGeo: north(0)})
	run := []map[string]any{
		{"name": "Amis du parc", s.FieldGeo: north(30)},
		{"name": "Les amis du parc !", s.FieldGeo: north(60)},
		{"name": "La Recyclerie", "contact": "recyclerie@canal.org", s.FieldGeo: north(2000)},
		{"name": "Recyclerie du Canal", "contact": "Recyclerie@Canal.org"},
		{"name": "Jardin des Poireaux", s.FieldGeo: north(-500)},
		{"name": "Jardin partagé des Poireaux", s.FieldGeo: north(-480)},
	}
	for range dedup.MaxKeyShare {
		run = append(run, map[string]any{"name": "Maison des associations", "contact": "09 70 80 80 80"})
	}
	err := prepared.Read(app, func(r *prepared.Reader) error {
		search, err := dedup.NewSearch(r)
		if err != nil {
			return err
		}
		var found, differ int
		for i, fields := range run {
			rec := imported(t, app, s.Organisations, "agenda", fmt.Sprint(i), fields)
			want, err := dedup.Find(app, rec)
			if err != nil {
				return err
			}
			got, err := search.Find(rec)
			if err != nil {
				return err
			}
			if a, b := sorted(got), sorted(want); !slices.Equal(a, b) {
				t.Errorf("record %d (%v): the search found\n%v\nFindIn, every record before it committed:\n%v", i, fields, a, b)
			}
			old, err := dedup.FindIn(r, rec)
			if err != nil {
				return err
			}
			found += len(want)
			if !slices.Equal(sorted(old), sorted(want)) {
				differ++
			}
		}
		if found < shared+4 || differ < len(run)/2 {
			t.Errorf("control: %d pairs in all; the snapshot alone differs for %d records of %d, want most", found, differ, len(run))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func sorted(pairs []dedup.Pair) []string {
	out := make([]string, len(pairs))
	for i, p := range pairs {
		out[i] = p.String()
	}
	slices.Sort(out)
	return out
}
