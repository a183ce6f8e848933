package importer_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/maillage/maillage/interop/importer"
	s "github.com/maillage/maillage/schema"
)

// sampleElements is GoGoCartoJs' sample export, kept with the decoder's fixtures (AGPL/ODbL,
// see its SOURCES.md): a test fixture, never demo content.
const sampleElements = "../formats/gogocarto/testdata/gogocartojs-elements.json"

// gogofull builds a GoGoCarto "gogofull" export of n elements shaped like the real sample
// (sampleElements): its elements' names, descriptions and fields, repeated with a number,
// spread over Plaine Commune; every tenth element is a second listing of an earlier one, 20 m
// away with its name written differently, for the duplicate detection to find.
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
		if i%10 == 9 {
			twin := out[i-5]
			g := twin["geo"].(map[string]any)
			lon, lat = g["longitude"].(float64)+0.0002, g["latitude"].(float64)+0.0001
			e["name"] = "Le " + twin["name"].(string) + " !"
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
// duplicate detection, once per iteration (the target: under 10 s). It reports the
// records created and duplicate pairs found.
//
//	go test -run '^$' -bench BenchmarkImportGoGoCarto -benchtime 1x ./interop/importer/
func BenchmarkImportGoGoCarto(b *testing.B) {
	data := gogofull(b, 15000)
	for b.Loop() {
		b.StopTimer()
		app := newApp(b)
		b.StartTimer()
		sum, err := importer.Import(app, bytes.NewReader(data), importer.Options{Format: "gogocarto", Collection: s.Initiatives, Source: "gogocarto"})
		if err != nil || sum.Created < 14000 {
			b.Fatalf("got %+v, %v", sum, err)
		}
		b.ReportMetric(float64(sum.Created), "created")
		b.ReportMetric(float64(sum.Duplicates), "duplicates")
	}
}
