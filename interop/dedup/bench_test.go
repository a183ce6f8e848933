package dedup_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop/dedup"
	s "github.com/maillage/maillage/schema"
)

// benchRecords is the size of the benchmark's collection: the 15,000 GoGoCarto
// elements.
const benchRecords = 15000

var (
	benchOnce sync.Once
	benchDir  string
	benchErr  error
)

// benchTemplate seeds, once per process, a data dir holding benchRecords initiatives shaped
// like the GoGoCarto sample (testdata/gogocartojs-elements.json): its names and descriptions,
// each name with a number so that it is its own, a website and a contact each, spread over
// Plaine Commune; every tenth element is a second listing of an earlier one, 20 m away with its
// name written differently.
func benchTemplate(b *testing.B) string {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "maillage-dedup-bench-*")
		if benchErr != nil {
			return
		}
		app := testapp.New(b, server.Config{})
		benchErr = seedGoGoCarto(b, app, benchRecords)
		if benchErr == nil {
			benchErr = os.CopyFS(benchDir, os.DirFS(app.DataDir()))
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDir
}

func seedGoGoCarto(b *testing.B, app core.App, n int) error {
	var sample struct {
		Data []map[string]any `json:"data"`
	}
	data, err := os.ReadFile(filepath.Join("testdata", "gogocartojs-elements.json"))
	if err != nil {
		return fmt.Errorf("the benchmark's GoGoCarto sample (testdata/SOURCES.md): %w", err)
	}
	if err := json.Unmarshal(data, &sample); err != nil {
		return err
	}
	coll, err := app.FindCollectionByNameOrId(s.Initiatives)
	if err != nil {
		return err
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	points := make([]types.GeoPoint, n)
	return app.RunInTransaction(func(tx core.App) error {
		for i := range n {
			e := sample.Data[i%len(sample.Data)]
			name := fmt.Sprintf("%v %d", e["name"], i)
			points[i] = types.GeoPoint{Lon: 2.31 + rnd.Float64()*0.13, Lat: 48.895 + rnd.Float64()*0.075}
			if i%10 == 9 {
				points[i] = types.GeoPoint{Lon: points[i-5].Lon + 0.0002, Lat: points[i-5].Lat + 0.0001}
				name = fmt.Sprintf("Le %v %d !", sample.Data[(i-5)%len(sample.Data)]["name"], i-5)
			}
			r := core.NewRecord(coll)
			r.Load(map[string]any{"name": name, "description": e["description"], s.FieldGeo: points[i],
				"website": fmt.Sprintf("https://%d.example.org", i), "contact": fmt.Sprintf("el%d@example.org · 05 49 %02d %02d %02d", i, i/10000, i/100%100, i%100),
				s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic, s.FieldSource: "gogocarto", s.FieldExternalID: fmt.Sprint(i)})
			if err := tx.Save(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// benchApp clones the seeded template, with its records in creation order.
func benchApp(b *testing.B) (*tests.TestApp, []*core.Record) {
	app := testapp.Clone(b, benchTemplate(b), server.Config{})
	recs, err := app.FindRecordsByFilter(s.Initiatives, "", "externalId", 0, 0)
	if err != nil || len(recs) != benchRecords {
		b.Fatalf("bench records: %d, %v", len(recs), err)
	}
	return app, recs
}

// flagChunk is how many records the benchmark flags per transaction, as the importer writes
// them: one commit (one fsync) per chunk rather than per stored pair.
const flagChunk = 250

// BenchmarkFlag times dedup.Flag on each of 15,000 existing records in turn (the spatial index
// and the keys table), flagChunk flags per transaction as an import runs it, beside the same
// scoring against every record read in full (no index, nothing stored), in the same run. Both
// report ns/flag and the pairs found per flag.
//
//	go test -run '^$' -bench BenchmarkFlag -benchtime 10s ./interop/dedup/
func BenchmarkFlag(b *testing.B) {
	b.Run("indexed", func(b *testing.B) {
		app, recs := benchApp(b)
		stored, i := 0, 0
		cpu := cpuTime()
		for b.Loop() {
			err := app.RunInTransaction(func(tx core.App) error {
				for range flagChunk {
					n, err := dedup.Flag(tx, recs[i%len(recs)])
					if err != nil {
						return err
					}
					stored += n
					i++
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		report(b, i, cpu, stored)
	})
	b.Run("fullscan", func(b *testing.B) {
		app, recs := benchApp(b)
		found, i := 0, 0
		cpu := cpuTime()
		for b.Loop() {
			found += scanFlag(b, app, recs[i%len(recs)])
			i++
		}
		report(b, i, cpu, found)
	})
}

// report adds the time per flag, wall-clock and CPU (on a machine shared with other work the
// wall-clock time stretches with the load, the process's CPU time much less), and the pairs
// found per flag.
func report(b *testing.B, flags int, cpuStart time.Duration, pairs int) {
	n := float64(flags)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/flag")
	b.ReportMetric(float64(cpuTime()-cpuStart)/float64(time.Microsecond)/n, "cpu-µs/flag")
	b.ReportMetric(float64(pairs)/n, "pairs/flag")
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// scanFlag is the naive detection the index replaces: read every live record of the
// collection and score each against rec.
func scanFlag(b *testing.B, app core.App, rec *core.Record) int {
	var rows []struct {
		ID      string  `db:"id"`
		Name    string  `db:"name"`
		Website string  `db:"website"`
		Contact string  `db:"contact"`
		Lon     float64 `db:"lon"`
		Lat     float64 `db:"lat"`
	}
	err := app.DB().NewQuery("SELECT id, name, website, contact, json_extract(geo, '$.lon') AS lon, json_extract(geo, '$.lat') AS lat " +
		"FROM initiatives WHERE deleted = FALSE AND visibility != 'private'").All(&rows)
	if err != nil {
		b.Fatal(err)
	}
	self := subject(rec.Id, rec.GetString("name"), rec.GetString("website"), rec.GetString("contact"), rec.GetGeoPoint(s.FieldGeo))
	found := 0
	for _, r := range rows {
		if r.ID == rec.Id {
			continue
		}
		if score, _ := dedup.Score(self, subject(r.ID, r.Name, r.Website, r.Contact, types.GeoPoint{Lon: r.Lon, Lat: r.Lat})); score >= dedup.MinScore {
			found++
		}
	}
	return found
}

func subject(id, name, website, contact string, p types.GeoPoint) dedup.Subject {
	sub := dedup.Subject{ID: id, Name: dedup.NormaliseName(name), Websites: []string{dedup.NormaliseWebsite(website)},
		Geo: &geo.Point{Lon: p.Lon, Lat: p.Lat}}
	sub.Emails, sub.Phones = dedup.ContactKeys(contact)
	return sub
}

// TestMain removes the benchmark's seeded template once every test and benchmark has run.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
