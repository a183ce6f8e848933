package gogocarto

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// BenchmarkDecode15000 decodes 15,000 elements shaped like the gogofull samples (each sample
// element repeated with a new id), the size of the import target.
func BenchmarkDecode15000(b *testing.B) {
	data, err := os.ReadFile("testdata/gogocartojs-elements-with-history.json")
	if err != nil {
		b.Fatalf("fixture missing: %v", err)
	}
	var export struct {
		Data []map[string]any `json:"data"`
	}
	if err := json.Unmarshal(data, &export); err != nil {
		b.Fatal(err)
	}
	out := make([]map[string]any, 15000)
	for i := range out {
		e := map[string]any{}
		for k, v := range export.Data[i%len(export.Data)] {
			e[k] = v
		}
		e["id"] = fmt.Sprintf("e%d", i)
		out[i] = e
	}
	big, _ := json.Marshal(map[string]any{"ontology": "gogofull", "data": out})
	b.SetBytes(int64(len(big)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		got, err := Decode(bytes.NewReader(big), s.Initiatives)
		if err != nil || len(got.Items) != 15000 {
			b.Fatalf("got %v, %d items, want 15000", err, len(got.Items))
		}
	}
}
