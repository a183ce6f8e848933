package crashtest

import (
	"errors"
	"fmt"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
)

// pushState is what the database holds of one device's mutations.
type pushState struct {
	lastSeq   int64             // the server's lastMutationSeq for the client
	results   map[int64]bool    // mseqs with a stored result
	byID      map[string]string // name of each record named after the client, by id
	byName    map[string]int    // how many records carry each of those names
	conflicts int64             // syncConflicts rows of the client
}

// state reads the device's mutations from the database, read-only, beside the server.
func (p *pushRun) state(t *testing.T) pushState {
	t.Helper()
	db, id := readOnly(t, p.s.db()), p.c.ID()
	st := pushState{results: map[int64]bool{}, byID: map[string]string{}, byName: map[string]int{}}
	st.lastSeq = count(t, db, "SELECT MAX(lastMutationSeq) FROM _sync_clients WHERE clientId = ?", id)
	st.conflicts = count(t, db, "SELECT COUNT(*) FROM syncConflicts WHERE clientId = ?", id)
	rows, err := db.Query("SELECT mseq FROM _sync_mutations WHERE clientId = ?", id)
	for err == nil && rows.Next() {
		var mseq int64
		err = rows.Scan(&mseq)
		st.results[mseq] = true
	}
	if err == nil {
		rows, err = db.Query("SELECT id, name FROM initiatives WHERE name LIKE ?", "crash "+id+" %")
	}
	for err == nil && rows.Next() {
		var rid, name string
		err = rows.Scan(&rid, &name)
		st.byID[rid] = name
		st.byName[name]++
	}
	if err != nil {
		t.Fatalf("read the state of client %s: %v", id, err)
	}
	return st
}

// checkAtomic: after the restart, mutations 1..lastSeq are wholly there (record, result) and
// the others not at all; nothing committed before the kill is lost.
func (p *pushRun) checkAtomic(st pushState) error {
	var errs []error
	if st.lastSeq < max(p.seenAtKill, ackedFirst) {
		errs = append(errs, fmt.Errorf("lastMutationSeq %d after the restart, %d committed before the kill: acknowledged writes lost", st.lastSeq, p.seenAtKill))
	}
	for i, id := range p.ids {
		mseq := int64(i + 1)
		want := mseq <= st.lastSeq
		if err := p.checkOne(st, mseq, id, want); err != nil {
			errs = append(errs, err)
		}
	}
	if st.conflicts != 0 {
		errs = append(errs, fmt.Errorf("%d conflict rows: a create met a record already there", st.conflicts))
	}
	return first(errs)
}

// checkOne checks that mutation mseq is applied once (want) or not at all, record and result
// alike.
func (p *pushRun) checkOne(st pushState, mseq int64, id string, want bool) error {
	name := fmt.Sprintf("crash %s %d", p.c.ID(), mseq)
	got, saved := st.byID[id]
	n := st.byName[name]
	switch {
	case want && (!saved || got != name || n != 1 || !st.results[mseq]):
		return fmt.Errorf("mseq %d (≤ lastMutationSeq %d): record %v named %q, %d records of that name, result stored %v; want it once with its result",
			mseq, st.lastSeq, saved, got, n, st.results[mseq])
	case !want && (saved || n != 0 || st.results[mseq]):
		return fmt.Errorf("mseq %d (> lastMutationSeq %d): record %v, %d records of that name, result stored %v; want none: half-applied",
			mseq, st.lastSeq, saved, n, st.results[mseq])
	}
	return nil
}

// checkExactlyOnce: after the retry every mutation is applied exactly once and acknowledged
// with an applied status, first or as a duplicate of an applied one.
func (p *pushRun) checkExactlyOnce(st pushState) error {
	total := int64(len(p.ids))
	errs := []error{}
	if st.lastSeq != total || len(p.c.Outbox()) != 0 {
		errs = append(errs, fmt.Errorf("lastMutationSeq %d, %d left in the outbox; want %d and none", st.lastSeq, len(p.c.Outbox()), total))
	}
	if len(st.byID) != len(p.ids) {
		errs = append(errs, fmt.Errorf("%d records named after the client, want %d", len(st.byID), len(p.ids)))
	}
	for i, id := range p.ids {
		if err := p.checkOne(st, int64(i+1), id, true); err != nil {
			errs = append(errs, err)
		}
	}
	if st.conflicts != 0 {
		errs = append(errs, fmt.Errorf("%d conflict rows: a mutation was applied twice", st.conflicts))
	}
	return first(append(errs, p.checkJournal()))
}

// checkJournal: every acknowledged mutation's result is applied, or a duplicate of an applied
// one for those the server had committed before the kill (seen then, or found after the
// restart): a create replayed with its client id writes nothing new, so the status and the
// stored result are what show whether the server knew it had applied it.
func (p *pushRun) checkJournal() error {
	committed := max(p.seenAtKill, p.afterRestart)
	for _, j := range p.c.Journal() {
		r := j.Result
		if r == nil {
			return fmt.Errorf("mseq %d acknowledged without a result", j.Mseq)
		}
		dup := j.Mseq > ackedFirst && j.Mseq <= committed
		ok := r.Status == ms.StatusApplied && !dup ||
			r.Status == ms.StatusDuplicate && r.OriginalStatus == ms.StatusApplied && dup
		if !ok {
			return fmt.Errorf("mseq %d: result %s/%s (%s), want %s", j.Mseq, r.Status, r.OriginalStatus, r.Message,
				map[bool]string{true: "a duplicate of applied", false: "applied"}[dup])
		}
	}
	return nil
}

// first joins the first few errors (a broken run would list hundreds).
func first(errs []error) error {
	var kept []error
	for _, err := range errs {
		if err != nil && len(kept) < 5 {
			kept = append(kept, err)
		}
	}
	return errors.Join(kept...)
}
