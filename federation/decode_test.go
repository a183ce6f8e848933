package federation_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maillage/maillage/federation"
)

// files lists the JSON files of dir, failing when there are none (the test would prove nothing).
func files(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixture in testdata/%s: %v", dir, err)
	}
	return paths
}

// decodeFile decodes one fixture.
func decodeFile(t *testing.T, path string) (federation.Document, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return federation.Decode(data)
}

// notJSON is the one document of the valid corpus that is not JSON (RFC 8259 forbids a raw line
// break inside a string, as vocabulary-ex196 has): Decode refuses it, as Mastodon's parser would.
const notJSON = "vocabulary-ex196-jsonld.json"

// TestDecodeAS2Corpus: every valid ActivityStreams 2.0 test document is accepted (but the one
// that is not JSON), and every known-bad one (fail/) refused with a reason.
func TestDecodeAS2Corpus(t *testing.T) {
	valid := files(t, "as2")
	for _, path := range valid {
		_, err := decodeFile(t, path)
		if name := filepath.Base(path); name == notJSON {
			if err == nil || !strings.Contains(err.Error(), "not JSON") {
				t.Errorf("%s (a raw newline in a string) not refused as JSON: %v", name, err)
			}
		} else if err != nil {
			t.Errorf("%s refused: %v", name, err)
		}
	}
	bad := files(t, "as2/fail")
	for _, path := range bad {
		_, err := decodeFile(t, path)
		if err == nil || err.Error() == "" {
			t.Errorf("fail/%s accepted", filepath.Base(path))
			continue
		}
		t.Logf("fail/%s: %v", filepath.Base(path), err)
	}
	if len(valid) < 200 || len(bad) != 20 {
		t.Fatalf("corpus incomplete: %d valid, %d bad", len(valid), len(bad))
	}
}

// TestDecodeFederatedEvents: Gancio's and Mobilizon's Create activities are accepted and read
// as events with their dates and place.
func TestDecodeFederatedEvents(t *testing.T) {
	cases := []struct{ file, name, start, place, locality string }{
		{"gancio-event-activity.json", "Demo event", "2021-07-14T17:30:57+02:00", "Colosseo", ""},
		{"mobilizon-post-activity.json", "My first event", "2018-02-12T14:08:20Z", "Locaux de Framasoft", "Lyon"},
	}
	for _, c := range cases {
		doc, err := decodeFile(t, filepath.Join("testdata", "events", c.file))
		if err != nil {
			t.Fatalf("%s refused: %v", c.file, err)
		}
		ev, err := doc.Event()
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if ev.Name != c.name || ev.StartTime.Format("2006-01-02T15:04:05Z07:00") != c.start ||
			ev.Location.Name != c.place || ev.Location.Locality != c.locality {
			t.Errorf("%s read as %+v", c.file, ev)
		}
	}
}

// TestDecodeEventNeedsStart is the control of TestDecodeFederatedEvents: an Event without a
// start, or an activity that carries no Event, is refused.
func TestDecodeEventNeedsStart(t *testing.T) {
	for _, raw := range []string{
		`{"type":"Create","object":{"type":"Event","name":"x"}}`,
		`{"type":"Create","object":{"type":"Note","content":"x"}}`,
	} {
		doc, err := federation.Decode([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		if ev, err := doc.Event(); err == nil {
			t.Errorf("%s read as %+v", raw, ev)
		}
	}
}
