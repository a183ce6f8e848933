package replication

import (
	"slices"

	ms "github.com/maillage/maillage/mobile_sync"
)

// check records every way the restored server and the devices disagree with the promise.
func (sc *scenario) check() {
	if epoch := sc.info().Epoch; epoch == sc.epoch {
		sc.fail("the restored server kept the epoch %s", epoch)
	}
	for _, d := range []*device{sc.a, sc.b} {
		if got := d.wire.Resets(); !slices.Equal(got, []string{ms.ResetEpoch}) {
			sc.fail("%s saw resets %v, want one %q after the restore", d.name, got, ms.ResetEpoch)
		}
	}
	if got := names(sc.t, sc.s.db()); !slices.Equal(got, []string{"a1", "a2", "a3", "r1"}) {
		sc.fail("the server holds %v, want a's records once each and r1 ([a1 a2 a3 r1]; r2 was lost)", got)
	}
	sc.checkDeviceA()
	sc.checkDeviceB()
}

// checkDeviceA: a's outbox is empty and each of its mutations ended applied once.
func (sc *scenario) checkDeviceA() {
	if out := sc.a.c.Outbox(); len(out) != 0 {
		sc.fail("a's outbox still holds %d mutations", len(out))
	}
	for _, p := range sc.a.c.Journal() {
		if p.Result == nil || p.Result.Status != ms.StatusApplied {
			sc.fail("a: mutation %d (%s %s) ended %+v, want applied", p.Mseq, p.Op, p.ID, p.Result)
		}
	}
}

// checkDeviceB: b holds exactly the server's initiatives (not r2, which the restore lost).
func (sc *scenario) checkDeviceB() {
	got := sc.b.c.ServerIDs("initiatives")
	want := ids(sc, sc.s.db())
	slices.Sort(got)
	if !slices.Equal(got, want) {
		sc.fail("b holds %v, the server %v", got, want)
	}
}

// ids are the ids of the initiatives of the database at path, sorted.
func ids(sc *scenario, path string) []string {
	db := openRead(sc.t, path)
	defer db.Close()
	rows, err := db.Query("SELECT id FROM initiatives ORDER BY id")
	if err != nil {
		sc.t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			sc.t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}
