package federation_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/maillage/maillage/federation"
)

// FuzzDecode feeds arbitrary bytes to the ActivityStreams decoder, which reads what any server
// of the fediverse posts to the inbox: nothing panics, a refusal is an error with no document,
// and an accepted document is UTF-8 JSON (nothing after it) whose re-encoding is accepted again
// unchanged. The seeds are the W3C test documents and the Gancio and Mobilizon activities of
// testdata/; `go test` runs them, `-fuzz FuzzDecode` explores.
func FuzzDecode(f *testing.F) {
	for _, pattern := range []string{"as2/*.json", "as2/*/*.json", "events/*.json"} {
		paths, _ := filepath.Glob(filepath.Join("testdata", pattern))
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(`{"type":"Note"} {"type":"Note"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := federation.Decode(data)
		if err != nil {
			if doc != nil {
				t.Fatalf("refused with a document: %v", err)
			}
			return
		}
		if doc == nil || !utf8.Valid(data) || !json.Valid(data) {
			t.Fatalf("accepted %q: not one UTF-8 JSON document", data)
		}
		again, err := json.Marshal(doc)
		if err != nil {
			t.Fatalf("accepted %q cannot be written back: %v", data, err)
		}
		doc2, err := federation.Decode(again)
		if err != nil || !reflect.DeepEqual(doc, doc2) {
			t.Fatalf("accepted %q, but not its re-encoding %s: %v", data, again, err)
		}
	})
}
