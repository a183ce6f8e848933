package jsonld

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// FuzzDecodeJSONLD checks that no input, JSON or HTML, makes the decoder panic, and that
// every item it accepts has a label and an external id.
func FuzzDecodeJSONLD(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/eg-00*.jsonld")
	files = append(files, "testdata/federated-events/mobilizon-post-activity.json", "testdata/activitystreams2-test/core-ex23-jsonld.json")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatalf("fixture missing: %v", err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<html><script type="application/ld+json">{"@graph":[{"@type":"Event","startDate":"2025-01-01","eventSchedule":{"repeatFrequency":"P2W","byDay":"Monday","byMonthWeek":[1]}}]}</script>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, c := range []string{s.Initiatives, s.Events, s.Organisations} {
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
