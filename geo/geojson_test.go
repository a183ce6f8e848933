package geo

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/fixtures"
)

// conformance is the GeoJSON conformance folder of the repository's testdata.
const conformance = "geojson-conformance"

// acceptedBad lists the geojsonhint "bad" files that are only suspicious: each is valid RFC 7946
// (it breaks a SHOULD, not a MUST), so Maillage accepts it, and the reason is the warning (or,
// for precision, the absence of any rule) it must produce.
var acceptedBad = map[string]string{
	"bad-polygon-interiorring-rhr.geojson":  "right-hand rule", // winding: lenient per DESIGN.md
	"polygon_winding_order.geojson":         "right-hand rule", // winding: lenient per DESIGN.md
	"point-toomany.geojson":                 "beyond 3",        // RFC: SHOULD NOT extend beyond 3
	"geometrycollection_nested.geojson":     "nested",          // RFC: SHOULD avoid nesting
	"geometrycollection_single.geojson":     "single geometry", // RFC: SHOULD avoid
	"excessive_precision_truncated.geojson": "",                // RFC sets no precision limit
}

// refusedBad pins, for each refused geojsonhint file, a piece of the message that says what is
// wrong (and, for collections, which feature).
var refusedBad = map[string]string{
	"bad-duplicate-properties.geojson":            `duplicate member "type"`,
	"bad-featurelist.geojson":                     "number was found where an array",
	"bad-json.geojson":                            "not valid JSON at line 3",
	"bad-object-type.geojson":                     `"type" must be a string`,
	"bad-polygonloop.geojson":                     "feature: geometry.coordinates[0][0]: a number was found",
	"bad-properties-as-array.geojson":             "properties must be an object",
	"badcoord.geojson":                            "must be a number",
	"badcoordtype.geojson":                        "feature 1: geometry.coordinates[0][0][0]",
	"badfeature.geojson":                          "feature 1: every feature must be an object",
	"badfeatureid.geojson":                        "feature 1 (id an object): id: a feature id must be a string or a number",
	"bbox-4or6elements.geojson":                   "bbox must have 4 numbers",
	"bbox-contains-string.geojson":                "each element of bbox must be a number",
	"bbox-string.geojson":                         "bbox must be an array",
	"different-first-last.geojson":                "must be closed",
	"different-first-size.geojson":                "coordinates[1][0]: a polygon ring must be closed",
	"expected_object.geojson":                     "properties must be an object or null, not a number",
	"false.geojson":                               "geometries[0]: a geometry must be an object",
	"feature_changed_semantics.geojson":           `must not contain a "features" member`,
	"featurecollection-obj.geojson":               "features must be an array",
	"featurecollection-type-case.geojson":         `write "FeatureCollection"`,
	"featurecollection.geojson":                   `"features" member required`,
	"featurecollection_changed_semantics.geojson": `must not contain a "properties" member`,
	"geometry_changed_semantics.geojson":          `must not contain a "features" member`,
	"multiple_problems.geojson":                   `feature 3: "type" must be "Feature", found "Foo"; and 1 more`,
	"multipoint-multidimension.geojson":           "coordinates[0]: each element of a position must be a number",
	"multipoint-nondimension.geojson":             "number was found where an array",
	"nofeaturetype.geojson":                       `feature 1: "type" must be "Feature", found "Featre"`,
	"notype.geojson":                              `"type" member required`,
	"point-labeled-as-a-multipolygon.geojson":     "feature: geometry.coordinates[0]: a number was found",
	"point-string.geojson":                        `found "foo"`,
	"point-toofew.geojson":                        "at least 2 numbers",
	"point.geojson":                               `"coordinates" member required`,
	"rootstring.geojson":                          "root must be a GeoJSON object, not null",
	"short-line.geojson":                          "a line needs 2 or more positions",
	"short-linearring.geojson":                    "4 or more positions",
	"short-multilinestring.geojson":               "coordinates[1]: a line needs 2 or more",
	"stringcoord.geojson":                         `feature 1: geometry.coordinates: each element of a position must be a number, found "39.36827914916011"`,
	"unknowntype.geojson":                         `type "FooBar" is unknown`,
}

func TestValidateAcceptsGoodAndValid(t *testing.T) {
	files := append(fixtures.Glob(t, conformance, "*/good/*.geojson"), fixtures.Glob(t, conformance, "*/valid/*/*.json")...)
	if len(files) != 18+30 {
		t.Fatalf("got %d good/valid fixtures, want 48", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			if _, err := Validate(fixtures.Read(t, f)); err != nil {
				t.Errorf("got %v, want accepted", err)
			}
		})
	}
}

func TestValidateBadFiles(t *testing.T) {
	files := fixtures.Glob(t, conformance, "mapbox-geojsonhint/bad/*.geojson")
	if len(files) != len(acceptedBad)+len(refusedBad) {
		t.Fatalf("got %d bad fixtures, the tables cover %d: decide for each new file", len(files), len(acceptedBad)+len(refusedBad))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			report, err := Validate(fixtures.Read(t, f))
			if warning, ok := acceptedBad[name]; ok {
				checkAccepted(t, report, err, warning)
				return
			}
			want, ok := refusedBad[name]
			if !ok {
				t.Fatalf("%s is in neither table", name)
			}
			checkRefused(t, err, want)
		})
	}
}

func TestValidateRefusesInvalid(t *testing.T) {
	for _, f := range fixtures.Glob(t, conformance, "geojson-schema-fixtures/invalid/*/*.json") {
		t.Run(strings.TrimPrefix(f, conformance), func(t *testing.T) {
			_, err := Validate(fixtures.Read(t, f))
			var ve *ValidationError
			if !errors.As(err, &ve) || len(ve.Problems) == 0 || ve.Problems[0].Message == "" {
				t.Fatalf("got %v, want a *ValidationError with a message", err)
			}
			if strings.Contains(f, "/feature/") && !strings.HasSuffix(f, "no-type.json") && ve.Problems[0].Feature != "feature" {
				t.Errorf("got feature %q, want the problem to name the feature", ve.Problems[0].Feature)
			}
		})
	}
}

func checkAccepted(t *testing.T, report Report, err error, warning string) {
	t.Helper()
	if err != nil {
		t.Fatalf("got %v, want accepted (only suspicious)", err)
	}
	if warning == "" {
		if len(report.Warnings) != 0 {
			t.Errorf("got warnings %v, want none", report.Warnings)
		}
		return
	}
	for _, w := range report.Warnings {
		if strings.Contains(w.Message, warning) {
			return
		}
	}
	t.Errorf("got warnings %v, want one containing %q", report.Warnings, warning)
}

func checkRefused(t *testing.T, err error, want string) {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v, want a *ValidationError", err)
	}
	if !strings.Contains(err.Error(), want) {
		t.Errorf("got %q, want it to contain %q", err.Error(), want)
	}
}

func TestValidateBoundaryFiles(t *testing.T) {
	for _, name := range []string{"communes-93-seine-saint-denis.geojson", "plaine-commune-9-communes.geojson", "departement-93-seine-saint-denis.geojson"} {
		report, err := Validate(fixtures.Read(t, "boundaries", name))
		if err != nil {
			t.Fatalf("%s: got %v, want accepted", name, err)
		}
		if len(report.Warnings) == 0 {
			t.Errorf("%s: got no warning, want the clockwise rings reported", name)
		}
	}
}
