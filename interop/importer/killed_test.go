package importer_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/importer"
	s "github.com/maillage/maillage/schema"
)

// errKilled stops a run after a committed chunk, as a kill of `maillage import` would.
var errKilled = errors.New("killed")

// A run stopped after its first chunk, before it stored the duplicates it found there, loses
// none: the next run searches the records left pending and stores every pair once; a run that
// reached its end leaves nothing pending, so the one after it finds nothing new.
func TestKilledImportKeepsItsDuplicates(t *testing.T) {
	app := newApp(t)
	n := importer.ChunkSize + 50
	items := grid(n, 1, importer.ChunkSize+10) // two pairs: one in the stopped chunk, one after it
	if p := stopped(func() { killedRun(t, app, items) }); p != errKilled {
		t.Fatalf("the run was not stopped after its first chunk (%v)", p)
	}
	if got := pairs(t, app); len(got) != 0 {
		t.Fatalf("got %d pairs after the stop, want none (the stopped run stores them at its end)", len(got))
	}
	again := run(t, app, fixed(items...), importer.Options{Source: "killed"})
	wantCounts(t, again, n-importer.ChunkSize, 0, importer.ChunkSize, 0)
	if again.Duplicates != 2 || len(pairs(t, app)) != 2 {
		t.Fatalf("after the second run: %d duplicates reported, pairs %v; want the 2 pairs, each once", again.Duplicates, pairs(t, app))
	}
	if left := pending(t, app); left != 0 {
		t.Fatalf("%d records still pending after a whole run", left)
	}
	third := run(t, app, fixed(items...), importer.Options{Source: "killed"})
	if third.Duplicates != 0 || len(pairs(t, app)) != 2 {
		t.Fatalf("third run: %d duplicates, pairs %v; want nothing new", third.Duplicates, pairs(t, app))
	}
}

// grid is n places about 100 m apart around the basilica, each with its own name; the places
// at the indexes of twins repeat their predecessor a metre away.
func grid(n int, twins ...int) []interop.Item {
	items := make([]interop.Item, n)
	for i := range items {
		p := &interop.Point{Lon: basilique.Lon - 0.015 + float64(i%20)*0.0015, Lat: basilique.Lat - 0.0075 + float64(i/20)*0.001}
		items[i] = interop.Item{ExternalID: fmt.Sprintf("place-%d", i), Name: fmt.Sprintf("Lieu numéro %d", i), Geo: p}
	}
	for _, i := range twins {
		prev := items[i-1]
		items[i].Name, items[i].Geo = prev.Name, &interop.Point{Lon: prev.Geo.Lon + 0.00001, Lat: prev.Geo.Lat}
	}
	return items
}

// killedRun imports items and stops the run after its first committed chunk.
func killedRun(t *testing.T, app core.App, items []interop.Item) {
	restore := importer.OnChunkCommitted(func(int) { panic(errKilled) })
	defer restore()
	_, err := importer.ImportWith(app, fixed(items...), strings.NewReader(""),
		importer.Options{Collection: s.Initiatives, Source: "killed"})
	t.Errorf("the run ended (%v)", err)
}

// stopped runs f and returns what it panicked with, nil when it returned.
func stopped(f func()) (p any) {
	defer func() { p = recover() }()
	f()
	return nil
}

// pairs lists the stored duplicate pairs as "a|b".
func pairs(t *testing.T, app core.App) []string {
	t.Helper()
	recs, err := app.FindAllRecords(s.Duplicates)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.GetString(s.FieldDupRecordA) + "|" + r.GetString(s.FieldDupRecordB)
	}
	return out
}

// pending counts the importStates rows whose record waits for its duplicates search.
func pending(t *testing.T, app core.App) int {
	t.Helper()
	recs, err := app.FindRecordsByFilter(s.ImportStates, s.FieldStateDedupPending+" = true", "", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return len(recs)
}
