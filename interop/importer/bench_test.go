package importer_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/internal/dbconnect"
	"github.com/maillage/maillage/internal/fixtures"
	"github.com/maillage/maillage/internal/geoapi"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats"
	"github.com/maillage/maillage/interop/importer"
	s "github.com/maillage/maillage/schema"
)

// sampleElements is GoGoCartoJs' sample export, kept with the decoder's fixtures (AGPL/ODbL,
// see its SOURCES.md): a test fixture, never demo content.
const sampleElements = "../formats/gogocarto/testdata/gogocartojs-elements.json"

// gogofull builds a GoGoCarto "gogofull" export of n elements shaped like the real sample
// (sampleElements): its elements' names, descriptions and fields, repeated with a number,
// spread over Plaine Commune, each with its own phone and website; every tenth element is a second listing of an earlier one, 20 m
// away with its name written differently and the same phone, for the duplicate detection to find.
func gogofull(t testing.TB, n int) []byte {
	var sample struct {
		Data []map[string]any `json:"data"`
	}
	data, err := os.ReadFile(sampleElements)
	if err != nil {
		t.Fatalf("the benchmark builds its elements from the GoGoCarto sample: %v", err)
	}
	if err := json.Unmarshal(data, &sample); err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	out := make([]map[string]any, 0, n)
	for i := range n {
		e := clone(sample.Data[i%len(sample.Data)])
		e["id"] = fmt.Sprintf("el-%d", i)
		lon, lat := 2.31+rnd.Float64()*0.13, 48.895+rnd.Float64()*0.075
		e["name"] = fmt.Sprintf("%s %d", e["name"], i)
		// Each place has its own contact, as on a real map.
		e["telephone"], e["website"] = fmt.Sprintf("01 48 %02d %02d %02d", i/10000, i/100%100, i%100), fmt.Sprintf("https://lieu-%d.example.org", i)
		if i%10 == 9 {
			twin := out[i-5]
			g := twin["geo"].(map[string]any)
			lon, lat = g["longitude"].(float64)+0.0002, g["latitude"].(float64)+0.0001
			e["name"] = "Le " + twin["name"].(string) + " !"
			e["telephone"] = twin["telephone"]
		}
		e["geo"] = map[string]any{"longitude": lon, "latitude": lat}
		out = append(out, e)
	}
	data, err = json.Marshal(map[string]any{"ontology": "gogofull", "data": out})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func clone(m map[string]any) map[string]any {
	c := make(map[string]any, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// BenchmarkImportGoGoCarto imports 15,000 GoGoCarto elements into a fresh territory with
// duplicate detection, once per iteration (the target: under 10 s), on an app built as
// main.go builds it (a test app would add its event-counting hooks to every save), its database
// opened as main.go opens it (maillage: statements kept prepared) and as PocketBase does by
// default (pocketbase), in the same run. Besides the wall time it reports the process's CPU
// seconds, which a loaded machine does not stretch, and the records created and duplicate pairs
// found.
//
//	go test -run '^$' -bench BenchmarkImportGoGoCarto -benchtime 1x -count 3 ./interop/importer/
func BenchmarkImportGoGoCarto(b *testing.B) {
	data := gogofull(b, 15000)
	for _, c := range connects {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				app := productionApp(b, c.connect)
				cpu := cpuTime()
				b.StartTimer()
				sum, err := importer.Import(app, bytes.NewReader(data), importer.Options{Format: "gogocarto", Collection: s.Initiatives, Source: "gogocarto"})
				if err != nil || sum.Created < 14000 {
					b.Fatalf("got %+v, %v", sum, err)
				}
				b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s/op")
				b.ReportMetric(float64(sum.Created), "created")
				b.ReportMetric(float64(sum.Duplicates), "duplicates")
			}
		})
	}
}

// connects are the two ways of opening the database the benchmarks compare.
var connects = []struct {
	name    string
	connect core.DBConnectFunc
}{{"maillage", dbconnect.Connect}, {"pocketbase", core.DefaultDBConnect}}

// productionApp is a Maillage app on a fresh data dir, bootstrapped, migrated and wired with
// server.Bind as main.go does, with Plaine Commune's communes; connect opens its database.
func productionApp(b *testing.B, connect core.DBConnectFunc) core.App {
	b.Helper()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: b.TempDir(), DBConnect: connect})
	if err := app.Bootstrap(); err != nil {
		b.Fatal(err)
	}
	// closed after its run: the next run (-count) does not carry its connections and caches
	b.Cleanup(func() { _ = app.ResetBootstrapState() })
	if err := app.RunAllMigrations(); err != nil {
		b.Fatal(err)
	}
	if err := server.Bind(app, server.Config{}); err != nil {
		b.Fatal(err)
	}
	data := fixtures.Read(b, "boundaries", "plaine-commune-9-communes.geojson")
	if _, err := geoapi.ImportTerritory(app, data, geoapi.ImportOptions{Territory: "Plaine Commune"}); err != nil {
		b.Fatal(err)
	}
	return app
}

// cpuTime is the CPU time (user and system) the process has used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSaveGoGoCartoPlain is the same-run comparison of BenchmarkImportGoGoCarto: the same
// 15,000 decoded elements saved as new initiatives with app.Save, 250 per transaction, with
// no matching, import state or duplicate detection (every Maillage hook still runs).
//
//	go test -run '^$' -bench 'GoGoCarto' -benchtime 1x -count 3 ./interop/importer/
func BenchmarkSaveGoGoCartoPlain(b *testing.B) {
	dec, err := formats.Lookup("gogocarto")
	if err != nil {
		b.Fatal(err)
	}
	decoded, err := dec(bytes.NewReader(gogofull(b, 15000)), s.Initiatives)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range connects {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				app := productionApp(b, c.connect)
				col, _ := app.FindCollectionByNameOrId(s.Initiatives)
				cpu := cpuTime()
				b.StartTimer()
				saved := savePlain(b, app, col, decoded.Items)
				b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s/op")
				b.ReportMetric(float64(saved), "created")
			}
		})
	}
}

// savePlain saves items as initiatives, skipping those the rules refuse (outside the territory).
func savePlain(b *testing.B, app core.App, col *core.Collection, items []interop.Item) int {
	saved := 0
	for start := 0; start < len(items); start += 250 {
		err := app.RunInTransaction(func(tx core.App) error {
			for _, it := range items[start:min(start+250, len(items))] {
				rec := core.NewRecord(col)
				rec.Load(map[string]any{"name": it.Name, "description": it.Description, "address": it.Address,
					"website": it.Website, "contact": it.Phone, s.FieldGeo: types.GeoPoint{Lon: it.Geo.Lon, Lat: it.Geo.Lat},
					s.FieldSource: "plain", s.FieldExternalID: it.ExternalID, s.FieldStatus: s.StatusPublished})
				if tx.Save(rec) == nil {
					saved++
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return saved
}
