package gogocarto

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// FuzzDecodeGoGoCarto checks that no input makes the element or taxonomy decoder panic, and
// that every item accepted has a label and an external id.
func FuzzDecodeGoGoCarto(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatalf("fixture missing: %v", err)
		}
		f.Add(data)
	}
	f.Add([]byte(`[{"id":1,"geo":{"latitude":"1,5","longitude":null},"openHours":"lundi","optionValues":[{"id":3}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = DecodeTaxonomy(bytes.NewReader(data))
		got, err := Decode(bytes.NewReader(data), s.Initiatives)
		if err != nil {
			return
		}
		for _, it := range got.Items {
			if it.Label == "" || it.ExternalID == "" {
				t.Fatalf("got item %+v without a label or an external id", it)
			}
		}
	})
}
