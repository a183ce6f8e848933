package csvin

import (
	"bytes"
	"path/filepath"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// FuzzDecodeCSV checks that no input makes the decoder panic, and that every item it accepts
// has a label and an external id, whatever the input.
func FuzzDecodeCSV(f *testing.F) {
	files, _ := filepath.Glob("testdata/csv-spectrum/csvs/*.csv")
	files = append(files, "testdata/france-services-93-seine-saint-denis.csv")
	for _, file := range files {
		f.Add(readFixtureF(f, file))
	}
	f.Add([]byte("nom;lat;lon\n\"a\"b;48,9;2,3\r\n"))
	f.Add([]byte("titre,debut,fin\nBal,17/05/2025,18/05/2025\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, c := range []string{s.Initiatives, s.Events} {
			got, err := Decode(bytes.NewReader(data), c)
			if err != nil {
				continue
			}
			for _, it := range got.Items {
				if it.Label == "" || it.ExternalID == "" {
					t.Fatalf("got item %+v without a label or an external id", it)
				}
			}
		}
	})
}

func readFixtureF(f *testing.F, path string) []byte {
	f.Helper()
	data, err := readFile(path)
	if err != nil {
		f.Fatalf("fixture missing: %v", err)
	}
	return data
}
