package revisions_test

import (
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	s "github.com/maillage/maillage/schema"
)

// BenchmarkSaveWithHistory measures what keeping the history costs a save: 2,000 initiatives
// saved, 250 per transaction as an import does, with the triggers and without (the hooks
// still run), alternately in one process so that the machine's load weighs on both.
//
//	go test -run '^$' -bench SaveWithHistory -benchtime 1x ./governance/revisions/
func BenchmarkSaveWithHistory(b *testing.B) {
	app := testapp.New(b, server.Config{})
	c, err := app.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		b.Fatal(err)
	}
	var with, without, withCPU, withoutCPU time.Duration
	for round := range 4 {
		drop := round%2 == 1
		if drop {
			for _, op := range []string{"ins", "upd", "del"} {
				_, _ = app.DB().NewQuery(`DROP TRIGGER IF EXISTS "_rev_trg_initiatives_` + op + `"`).Execute()
			}
		} else if err := app.Save(c); err != nil { // re-creates the triggers
			b.Fatal(err)
		}
		start, startCPU := time.Now(), cpuTime(b)
		saveMany(b, app, c, round, 2000)
		if drop {
			without += time.Since(start)
			withoutCPU += cpuTime(b) - startCPU
		} else {
			with += time.Since(start)
			withCPU += cpuTime(b) - startCPU
		}
	}
	b.ReportMetric(with.Seconds()/2, "s-with-history/2000")
	b.ReportMetric(without.Seconds()/2, "s-without-triggers/2000")
	b.ReportMetric(withCPU.Seconds()/withoutCPU.Seconds(), "cpu-ratio")
}

// cpuTime is the processor time the process has used: unlike the elapsed time, other
// processes' load on a shared machine does not weigh on it.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func saveMany(b *testing.B, app core.App, c *core.Collection, round, n int) {
	for start := 0; start < n; start += 250 {
		err := app.RunInTransaction(func(tx core.App) error {
			for i := start; i < start+250 && i < n; i++ {
				rec := core.NewRecord(c)
				rec.Load(map[string]any{"name": fmt.Sprintf("Lieu %d-%d", round, i), s.FieldSource: "bench",
					s.FieldExternalID: fmt.Sprintf("%d-%d", round, i), s.FieldVisibility: s.VisibilityPublic,
					s.FieldStatus: s.StatusPublished, "description": "Un lieu du territoire."})
				if err := tx.Save(rec); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
