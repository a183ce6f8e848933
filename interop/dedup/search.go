package dedup

import (
	"fmt"
	"math"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/prepared"
)

// Search finds the duplicates of the records a writer creates in a run (an import), beside
// the writer: the records that were there when the search began are read in one snapshot,
// and the run's own records, once searched, are kept in memory and compared there. A snapshot
// per committed chunk, as before, found the same pairs but cost the writer a tenth of its
// time: each new snapshot starts on a cold page cache and reads back what the writer just
// wrote, in contention with it. The pairs are those Find gives for each record in turn, as if
// every record searched before it were committed; a record the run changes that was there
// before is compared as the snapshot holds it.
type Search struct {
	q     prepared.Querier
	cells map[cell][]*Subject
	keys  map[string][]*Subject // by collection and key, MaxKeyShare+2 at most
}

// cell is a square of the grid that holds the run's records by location.
type cell struct {
	collection string
	x, y       int
}

// cellDegrees is the side of a grid cell: the box a search reads (RadiusMeters around a
// point) spans one to four of them at the territory's latitudes.
const cellDegrees = 0.002

// NewSearch begins a search on q, a read transaction of its own (prepared.Read): it reads q
// at once, so that its snapshot is the database before the run writes.
func NewSearch(q prepared.Querier) (*Search, error) {
	var n int
	if err := q.Query("SELECT count(*) FROM sqlite_master").Row(&n); err != nil {
		return nil, fmt.Errorf("dedup: begin the search: %w", err)
	}
	return &Search{q: q, cells: map[cell][]*Subject{}, keys: map[string][]*Subject{}}, nil
}

// Find lists the likely duplicates of rec (saved already) among the snapshot's live records
// and the run's records searched before it, as FindIn does, then keeps rec for the next ones.
func (s *Search) Find(rec *core.Record) ([]Pair, error) {
	return s.find(rec, true)
}

// find lists rec's likely duplicates, then keeps rec for the next searches when keep is set.
func (s *Search) find(rec *core.Record, keep bool) ([]Pair, error) {
	p, ok := profiles[rec.Collection().Name]
	if !ok || !eligible(rec) {
		return nil, nil
	}
	collection := rec.Collection().Name
	self := subjectOf(rowOf(p, rec))
	cands, err := s.candidates(collection, p, self)
	if err != nil {
		return nil, err
	}
	if keep {
		s.keep(collection, self)
	}
	return pairsOf(collection, self, cands), nil
}

// candidates are the live records of the snapshot near self or sharing one of its keys, and
// the run's kept records likewise, each once, self excluded.
func (s *Search) candidates(collection string, p profile, self Subject) ([]Subject, error) {
	rows, err := nearRows(s.q, collection, p, self)
	if err != nil {
		return nil, err
	}
	out := subjectsOf(rows)
	found := map[string]bool{self.ID: true}
	for _, c := range out {
		found[c.ID] = true
	}
	out = append(out, firstSeen(s.near(collection, self), found)...)
	ids, kept, err := s.sharingKeys(collection, self)
	if err != nil {
		return nil, err
	}
	more, err := rowsByID(s.q, collection, p, unseen(ids, found))
	if err != nil {
		return nil, err
	}
	return append(append(out, subjectsOf(more)...), firstSeen(kept, found)...), nil
}

// sharingKeys returns, for each key of self that at most MaxKeyShare others hold in the
// snapshot and among the kept records together, the snapshot's ids and the kept records.
func (s *Search) sharingKeys(collection string, self Subject) ([]string, []*Subject, error) {
	var ids []string
	var kept []*Subject
	for _, key := range keysOf(self) {
		rids, err := keyRIDs(s.q, collection, key, self.ID)
		if err != nil {
			return nil, nil, err
		}
		mine := s.keys[collection+"\x00"+key]
		if holders(rids, mine, self.ID) <= MaxKeyShare {
			ids, kept = append(ids, rids...), append(kept, mine...)
		}
	}
	return ids, kept, nil
}

// holders counts the records other than self among ids (the keys table's, distinct, self
// excluded) and kept, each once.
func holders(ids []string, kept []*Subject, self string) int {
	if len(kept) == 0 {
		return len(ids)
	}
	all := map[string]bool{}
	for _, id := range ids {
		all[id] = true
	}
	for _, k := range kept {
		all[k.ID] = true
	}
	delete(all, self)
	return len(all)
}

// near lists the kept records in the box around self that nearRows reads.
func (s *Search) near(collection string, self Subject) []*Subject {
	if self.Geo == nil {
		return nil
	}
	b := geo.Around(*self.Geo, RadiusMeters)
	var out []*Subject
	for x := cellOf(b.MinLon); x <= cellOf(b.MaxLon); x++ {
		for y := cellOf(b.MinLat); y <= cellOf(b.MaxLat); y++ {
			for _, k := range s.cells[cell{collection, x, y}] {
				if b.Contains(*k.Geo) {
					out = append(out, k)
				}
			}
		}
	}
	return out
}

// keep adds self to the records the next searches compare with. A key held by more than
// MaxKeyShare+1 of them is never shared enough to count again: the rest are not listed.
func (s *Search) keep(collection string, self Subject) {
	k := &self
	if self.Geo != nil {
		c := cell{collection, cellOf(self.Geo.Lon), cellOf(self.Geo.Lat)}
		s.cells[c] = append(s.cells[c], k)
	}
	for _, key := range keysOf(self) {
		if held := s.keys[collection+"\x00"+key]; len(held) < MaxKeyShare+2 {
			s.keys[collection+"\x00"+key] = append(held, k)
		}
	}
}

func cellOf(degrees float64) int { return int(math.Floor(degrees / cellDegrees)) }

// firstSeen returns the subjects not found yet, marking them found.
func firstSeen(subjects []*Subject, found map[string]bool) []Subject {
	var out []Subject
	for _, k := range subjects {
		if !found[k.ID] {
			found[k.ID] = true
			out = append(out, *k)
		}
	}
	return out
}
