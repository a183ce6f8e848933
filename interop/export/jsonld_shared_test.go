package export_test

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/interop/export"
)

// updateShared rewrites testdata/jsonld/expected.json from the Go mapping (review the diff:
// the PWA's test reads the same file).
var updateShared = flag.Bool("update-jsonld", false, "rewrite testdata/jsonld/expected.json")

// sharedInput is testdata/jsonld/records.json: records as the REST API shows them, and the
// names and licences the mapping reads. The PWA's test (test/js/jsonld.test.mjs) reads it too.
type sharedInput struct {
	Base     string                    `json:"base"`
	Licence  licenceJSON               `json:"licence"`
	Sources  map[string]licenceJSON    `json:"sources"`
	Cats     map[string]string         `json:"categories"`
	Communes map[string]map[string]any `json:"communes"`
	Orgs     map[string]string         `json:"organisations"`
	Records  map[string][]map[string]any
}

type licenceJSON struct{ ID, URL, Attribution string }

func (l licenceJSON) licence() export.Licence {
	return export.Licence{ID: l.ID, URL: l.URL, Attribution: l.Attribution}
}

// TestSharedJSONLD: the server's schema.org mapping of the shared records equals the committed
// expected documents, which the PWA's mapping must equal too: one shape, two implementations.
func TestSharedJSONLD(t *testing.T) {
	var in sharedInput
	readJSON(t, filepath.Join("testdata", "jsonld", "records.json"), &in)
	refs := export.TestRefs{Base: in.Base, Licence: in.Licence.licence(), Sources: map[string]export.Licence{},
		Categories: in.Cats, Communes: map[string][2]string{}, Organisations: in.Orgs}
	for name, l := range in.Sources {
		refs.Sources[name] = l.licence()
	}
	for id, c := range in.Communes {
		refs.Communes[id] = [2]string{c["name"].(string), c["code"].(string)}
	}
	app := testapp.New(t, server.Config{})
	got := map[string]any{}
	for collection, recs := range in.Records {
		c, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Fatal(err)
		}
		for _, fields := range recs {
			rec := core.NewRecord(c)
			rec.Load(fields)
			doc := export.NodeForTest(collection, rec, refs)
			doc["@context"] = export.SchemaContext
			got[rec.Id] = roundTrip(t, doc)
		}
	}
	path := filepath.Join("testdata", "jsonld", "expected.json")
	if *updateShared {
		b, _ := json.MarshalIndent(got, "", "    ")
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var want map[string]any
	readJSON(t, path, &want)
	for id, doc := range want {
		if !reflect.DeepEqual(got[id], doc) {
			g, _ := json.MarshalIndent(got[id], "", "  ")
			t.Errorf("%s:\ngot  %s\nwant %v", id, g, doc)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d documents, want %d", len(got), len(want))
	}
}

// roundTrip is v as encoding/json writes and reads it back (numbers as float64).
func roundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("fixture %s: %v", path, err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("decode %s: %v", path, err)
	}
}
