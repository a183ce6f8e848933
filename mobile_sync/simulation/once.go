package simulation

import (
	"slices"
	"strings"

	"github.com/pocketbase/dbx"

	ms "github.com/maillage/maillage/mobile_sync"
)

// checkOnce checks that every mutation took effect once: the server stored exactly one result
// per mutation of each device (mseq 1..n, no gap, no double), no record has more committed
// revisions than mutations acknowledged on it (each mutation saves at most once), and no
// tagged description paragraph appears twice anywhere.
func (sim *Sim) checkOnce() {
	for _, d := range sim.devices {
		if d.user != nil {
			sim.checkStoredResults(d)
		}
	}
	sim.checkRevisions()
	sim.checkConflictRows()
	sim.checkParagraphs()
}

// checkStoredResults compares the results the server stored for d with d's journal.
func (sim *Sim) checkStoredResults(d *device) {
	var seqs []int64
	err := sim.srv.App().DB().NewQuery("SELECT mseq FROM _sync_mutations WHERE clientId = {:c} ORDER BY mseq").
		Bind(dbx.Params{"c": d.c.ID()}).Column(&seqs)
	if err != nil {
		sim.fail("%s: read _sync_mutations: %v", d.name, err)
		return
	}
	if j := d.c.Journal(); len(seqs) != len(j) {
		sim.fail("%s: server stored %d mutation results, the device made %d", d.name, len(seqs), len(j))
	}
	for i, m := range seqs {
		if m != int64(i+1) {
			sim.fail("%s: stored mseqs are not 1..n: %v", d.name, seqs)
			return
		}
	}
}

// checkRevisions: a record written only by the devices has at most one committed revision per
// mutation the devices pushed on it.
func (sim *Sim) checkRevisions() {
	pushed := map[string]int{}
	for _, d := range sim.devices {
		for _, p := range d.c.Journal() {
			pushed[p.C+"/"+p.ID]++
		}
	}
	for key, n := range pushed {
		coll, id, _ := strings.Cut(key, "/")
		if revs := len(sim.hist.Revisions(coll, id)); revs > n {
			sim.fail("APPLIED TWICE: %s has %d committed revisions for %d mutations", key, revs, n)
		}
	}
}

// checkParagraphs: every tagged paragraph, written once by one device into one record,
// appears at most once in all the descriptions of the database.
func (sim *Sim) checkParagraphs() {
	seen := map[string]string{}
	for _, coll := range content {
		var rows []struct {
			ID   string `db:"id"`
			Desc string `db:"description"`
		}
		if err := sim.srv.App().RecordQuery(coll).Select("id", "description").All(&rows); err != nil {
			sim.fail("read %s descriptions: %v", coll, err)
			continue
		}
		for _, r := range rows {
			for _, para := range strings.Split(r.Desc, "\n\n") {
				tag, _, found := strings.Cut(para, "]")
				if !found {
					continue
				}
				if where, dup := seen[tag]; dup {
					sim.fail("APPLIED TWICE: paragraph %s] in %s and in %s/%s", tag, where, coll, r.ID)
				}
				seen[tag] = coll + "/" + r.ID
			}
		}
	}
}

// checkConflictRows: every syncConflicts row a device's mutation wrote is one the stored
// outcome of that mutation points at. A mutation applied twice leaves the rows of its first
// application orphaned, or the same row kind twice.
func (sim *Sim) checkConflictRows() {
	for _, d := range sim.devices {
		if d.user == nil {
			continue
		}
		var rows []struct {
			ID   string `db:"id"`
			Mseq int64  `db:"mseq"`
			Kind string `db:"kind"`
		}
		err := sim.srv.App().DB().NewQuery("SELECT id, mseq, kind FROM syncConflicts WHERE clientId = {:c}").
			Bind(dbx.Params{"c": d.c.ID()}).All(&rows)
		if err != nil {
			sim.fail("%s: read syncConflicts: %v", d.name, err)
			continue
		}
		for _, r := range rows {
			res, ok := sim.storedResult(d, r.Mseq)
			if ok && !slices.ContainsFunc(res.Conflicts, func(c ms.ConflictRef) bool { return c.ID == r.ID }) {
				sim.fail("APPLIED TWICE: %s conflict row %s of %s mutation %d is not in its stored outcome %s %+v",
					r.Kind, r.ID, d.name, r.Mseq, res.Status, res.Conflicts)
			}
		}
	}
}
