package geojson

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/input"
	s "github.com/maillage/maillage/schema"
)

// conformance is the GeoJSON conformance suite in the repository's testdata/ (its SOURCES.md
// gives origins and licences), shared with the geo package's tests.
const conformance = "../../../testdata/geojson-conformance"

func fixtures(t *testing.T, pattern string, want int) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(conformance, pattern))
	if len(files) != want {
		t.Fatalf("got %d fixtures for %s, want %d (see %s/SOURCES.md)", len(files), pattern, want, conformance)
	}
	return files
}

func decodeFile(t *testing.T, path string) (interop.Decoded, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("fixture missing: %v", err)
	}
	defer f.Close()
	return Decode(f, s.Initiatives)
}

// outOfRange lists the valid documents whose one item is refused for its position: valid
// GeoJSON structure, but a longitude beyond ±180 that no map can place.
var outOfRange = map[string]bool{"issue82.geojson": true}

func TestDecodeAcceptsValid(t *testing.T) {
	files := append(fixtures(t, "mapbox-geojsonhint/good/*.geojson", 18), fixtures(t, "geojson-schema-fixtures/valid/*/*.json", 30)...)
	for _, f := range files {
		t.Run(strings.TrimPrefix(f, conformance+"/"), func(t *testing.T) {
			got, err := decodeFile(t, f)
			if err != nil {
				t.Fatalf("got %v, want accepted", err)
			}
			if outOfRange[filepath.Base(f)] {
				if len(got.Problems) != 1 || got.Problems[0].Code != "format_bad_coordinates" {
					t.Errorf("got problems %v, want the position refused", got.Problems)
				}
				return
			}
			if len(got.Problems) != 0 || (len(got.Items) == 0 && !strings.HasSuffix(f, "featurecollection/empty.json")) {
				t.Errorf("got %d items and problems %v, want items and no problem", len(got.Items), got.Problems)
			}
		})
	}
}

func TestDecodeRefusesInvalid(t *testing.T) {
	for _, f := range fixtures(t, "geojson-schema-fixtures/invalid/*/*.json", 36) {
		t.Run(strings.TrimPrefix(f, conformance+"/"), func(t *testing.T) {
			_, err := decodeFile(t, f)
			checkRefused(t, err)
		})
	}
}

// suspicious are the geojsonhint "bad" files that break only a SHOULD of RFC 7946 (winding
// order, nesting, precision, extra position members): accepted, as geo.Validate accepts them.
var suspicious = []string{"bad-polygon-interiorring-rhr.geojson", "polygon_winding_order.geojson", "point-toomany.geojson",
	"geometrycollection_nested.geojson", "geometrycollection_single.geojson", "excessive_precision_truncated.geojson"}

// faultyFeatures are the geojsonhint "bad" FeatureCollections whose envelope is sound: the
// faulty features (by label) are refused, the others read.
var faultyFeatures = map[string]struct {
	items int
	bad   []string
}{
	"badcoordtype.geojson":      {0, []string{"feature 1"}},
	"badfeature.geojson":        {0, []string{"feature 1"}},
	"badfeatureid.geojson":      {0, []string{"feature 1"}},
	"nofeaturetype.geojson":     {0, []string{"feature 1"}},
	"stringcoord.geojson":       {1, []string{"feature 1"}},
	"multiple_problems.geojson": {1, []string{"feature 1", "feature 3", "feature 4"}},
}

func TestDecodeBadFiles(t *testing.T) {
	for _, f := range fixtures(t, "mapbox-geojsonhint/bad/*.geojson", 44) {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			got, err := decodeFile(t, f)
			want, partial := faultyFeatures[name]
			switch {
			case contains(suspicious, name):
				if err != nil || len(got.Items) == 0 || len(got.Problems) != 0 {
					t.Errorf("got %v, %d items, problems %v, want accepted", err, len(got.Items), got.Problems)
				}
			case partial:
				checkFaulty(t, got, err, want.items, want.bad)
			default:
				checkRefused(t, err)
			}
		})
	}
}

func checkFaulty(t *testing.T, got interop.Decoded, err error, items int, bad []string) {
	t.Helper()
	if err != nil {
		t.Fatalf("got %v, want the sound features read", err)
	}
	var labels []string
	for _, p := range got.Problems {
		if p.Code != CodeBadFeature || p.Params["detail"] == "" {
			t.Errorf("got problem %+v, want %s with a detail", p, CodeBadFeature)
		}
		labels = append(labels, p.Item)
	}
	if len(got.Items) != items || !reflect.DeepEqual(labels, bad) {
		t.Errorf("got %d items and faulty %v, want %d and %v", len(got.Items), labels, items, bad)
	}
}

func checkRefused(t *testing.T, err error) {
	t.Helper()
	var ie *input.Error
	if !errors.As(err, &ie) || ie.Code != CodeInvalid || ie.Params["detail"] == "" {
		t.Errorf("got %v, want an *input.Error %s with the reason", err, CodeInvalid)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
