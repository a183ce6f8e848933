package importer

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/prepared"
	"github.com/maillage/maillage/interop/dedup"
	s "github.com/maillage/maillage/schema"
)

// flagging finds the likely duplicates of the records an import creates. A real run looks for
// them beside the writes: each chunk's records, once committed, are handed to a dedup.Search on
// a read connection while the next chunk is written, and the pairs found are stored at the
// end, so the search (a fifth of an import's work) runs on the other processor. The search
// reads one snapshot, taken before the first chunk, for the whole run (the database's
// write-ahead log grows meanwhile: the snapshot holds back its checkpoint until the run ends).
// Until then the records' importStates rows say their search is pending, and are cleared in
// the transaction that stores the pairs: a run stopped before its end (killed) leaves them
// set, and the next run searches those records again. A dry run, whose records are never
// committed, flags each record in its transaction as it goes.
type flagging struct {
	inline  bool
	open    []*core.Record // created in the chunk being written
	batches chan []*core.Record
	found   chan found
}

// found is what the background search returns: every pair and the records searched, or why
// it stopped.
type found struct {
	pairs    []dedup.Pair
	searched []*core.Record
	err      error
}

// newFlagging starts the search of a run of chunks; a real run's search has its snapshot when
// it returns.
func newFlagging(app core.App, chunks int) (*flagging, error) {
	f := &flagging{inline: app.IsTransactional()}
	if f.inline {
		return f, nil
	}
	f.batches = make(chan []*core.Record, chunks) // the writer never waits for the search
	f.found = make(chan found, 1)
	ready := make(chan error, 1)
	go func() { f.found <- f.search(app, ready) }()
	if err := <-ready; err != nil {
		<-f.found
		return nil, fmt.Errorf("begin the duplicates search: %w", err)
	}
	return f, nil
}

// created hands a saved record to the search; inline, it flags it at once and returns how
// many pairs it stored.
func (f *flagging) created(tx core.App, rec *core.Record) (int, error) {
	if f.inline {
		return dedup.Flag(tx, rec)
	}
	f.open = append(f.open, rec)
	return 0, nil
}

// ended tells how the open chunk's transaction ended: its records are searched once it is
// committed, forgotten when it rolled back.
func (f *flagging) ended(committed bool) {
	if !f.inline && committed && len(f.open) > 0 {
		f.batches <- f.open
	}
	f.open = nil
}

// search compares each committed batch with what the database held before the run and with
// the batches before it, in one read transaction, telling ready once it has its snapshot.
func (f *flagging) search(app core.App, ready chan<- error) found {
	var out found
	began := false
	out.err = prepared.Read(app, func(r *prepared.Reader) error {
		began = true
		search, err := dedup.NewSearch(r)
		ready <- err
		if err != nil {
			return err
		}
		for batch := range f.batches {
			for _, rec := range batch {
				pairs, err := search.Find(rec)
				if err != nil {
					return err
				}
				out.pairs, out.searched = append(out.pairs, pairs...), append(out.searched, rec)
			}
		}
		return nil
	})
	if !began {
		ready <- out.err
	}
	return out
}

// finish waits for the search and stores its pairs in one transaction, with the searched
// records no longer pending, returning how many pairs it added (a pair found from both of its
// records is stored once).
func (f *flagging) finish(app core.App) (int, error) {
	if f.inline {
		return 0, nil
	}
	close(f.batches)
	out := <-f.found
	if out.err != nil {
		return 0, out.err
	}
	var n int
	err := app.RunInTransaction(func(tx core.App) error {
		var err error
		n, err = dedup.Store(tx, out.pairs)
		if err != nil {
			return err
		}
		return searched(tx, out.searched)
	})
	return n, err
}

// clearPendingSQL marks a record's importStates row searched.
var clearPendingSQL = "UPDATE [[" + s.ImportStates + "]] SET [[" + s.FieldStateDedupPending + "]] = FALSE WHERE [[" +
	s.FieldStateRecord + "]] = {:r} AND [[" + s.FieldStateCollection + "]] = {:c}"

// searched marks the records' importStates rows searched.
func searched(tx core.App, recs []*core.Record) error {
	for _, rec := range recs {
		_, err := prepared.Query(tx, clearPendingSQL).Bind(dbx.Params{"r": rec.Id, "c": rec.Collection().Name}).Execute()
		if err != nil {
			return fmt.Errorf("mark %s searched: %w", rec.Id, err)
		}
	}
	return nil
}
