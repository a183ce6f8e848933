package ical

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/maillage/maillage/interop/formats/input"
	s "github.com/maillage/maillage/schema"
)

// TestParserMatchesJCal reads ical.js's parser fixtures and compares what the content-line
// reader makes of them with ical.js's expected jCal (RFC 7265): the same components, the same
// properties in order, the same parameters, and the same TEXT values once unescaped.
func TestParserMatchesJCal(t *testing.T) {
	files, _ := filepath.Glob("testdata/kewisch-ical.js/test/parser/*.ics")
	if len(files) != 21 {
		t.Fatalf("got %d parser fixtures, want 21", len(files))
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			var want []any
			if err := json.Unmarshal(readFixture(t, strings.TrimSuffix(file, ".ics")+".json"), &want); err != nil {
				t.Fatalf("expected jCal: %v", err)
			}
			if _, many := want[0].([]any); !many {
				want = []any{want}
			}
			roots := read(string(readFixture(t, file)))
			if len(roots) != len(want) {
				t.Fatalf("got %d components, want %d", len(roots), len(want))
			}
			for i, root := range roots {
				if diff := compareJCal(root, want[i].([]any)); diff != "" {
					t.Error(diff)
				}
			}
		})
	}
}

// compareJCal reports the first difference between a component and its jCal form.
func compareJCal(c *component, jcal []any) string {
	if len(jcal) != 3 || jcal[0] != strings.ToLower(c.name) {
		return fmt.Sprintf("component %s: got %s", jcal[0], c.name)
	}
	props, _ := jcal[1].([]any)
	if len(props) != len(c.props) {
		return fmt.Sprintf("%s: got %d properties, want %d", c.name, len(c.props), len(props))
	}
	for i, p := range props {
		if diff := compareProp(c.props[i], p.([]any)); diff != "" {
			return diff
		}
	}
	children, _ := jcal[2].([]any)
	if len(children) != len(c.children) {
		return fmt.Sprintf("%s: got %d components, want %d", c.name, len(c.children), len(children))
	}
	for i, child := range children {
		if diff := compareJCal(c.children[i], child.([]any)); diff != "" {
			return diff
		}
	}
	return ""
}

func compareProp(p prop, jcal []any) string {
	if jcal[0] != strings.ToLower(p.name) {
		return fmt.Sprintf("property %s: got %s", jcal[0], p.name)
	}
	wantParams := map[string][]string{}
	for k, v := range jcal[1].(map[string]any) {
		wantParams[k] = stringsOf(v)
	}
	gotParams := map[string][]string{}
	for k, v := range p.params {
		if k != "VALUE" {
			gotParams[strings.ToLower(k)] = v
		}
	}
	if !reflect.DeepEqual(gotParams, wantParams) {
		return fmt.Sprintf("%s: got params %q, want %q", p.name, gotParams, wantParams)
	}
	if jcal[2] == "text" && allStrings(jcal[3:]) {
		want := stringsOf(jcal[3:])
		if got := splitText(p.value, len(want) > 1); !reflect.DeepEqual(got, want) {
			return fmt.Sprintf("%s: got text %q, want %q", p.name, got, want)
		}
	}
	return ""
}

func stringsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

func allStrings(vs []any) bool {
	for _, v := range vs {
		if _, ok := v.(string); !ok {
			return false
		}
	}
	return true
}

// TestSerializationPairs decodes golang-ical's round-trip pairs: an input and the same
// calendar written back by golang-ical give the same items.
func TestSerializationPairs(t *testing.T) {
	files, _ := filepath.Glob("testdata/golang-ical/serialization/input*.ics")
	if len(files) != 7 {
		t.Fatalf("got %d pairs, want 7", len(files))
	}
	for _, file := range files {
		in := decodeFile(t, file)
		out := decodeFile(t, filepath.Join(filepath.Dir(file), "expected", filepath.Base(file)))
		if !reflect.DeepEqual(in, out) {
			t.Errorf("%s: got %+v from the input and %+v from its serialisation", file, in, out)
		}
	}
}

// expectation is what Decode gives a fixture: its items and refused events, or the code of
// the file's refusal.
type expectation struct {
	items, problems int
	refused         string
}

// fixtureResults pins what every iCalendar fixture gives. Valid files give their events
// (private, cancelled, start-less and undated ones refused with their reason); files that are
// not iCalendar text (binary fuzz inputs, bare VTIMEZONE junk) are refused as files; files with
// no VEVENT (time zones, parser samples) give nothing and no error.
var fixtureResults = map[string]expectation{
	"golang-ical/issue52/issue52_notworking.ics":         {1, 0, ""},
	"golang-ical/issue52/issue52_working.ics":            {1, 0, ""},
	"golang-ical/issue97/google.ics":                     {1, 0, ""},
	"golang-ical/rfc5545sec4/input1.ics":                 {1, 0, ""},
	"golang-ical/rfc5545sec4/input2.ics":                 {1, 0, ""},
	"golang-ical/timeparsing.ics":                        {5, 0, ""},
	"kewisch-ical.js/samples/blank_description.ics":      {1, 0, ""},
	"kewisch-ical.js/samples/blank_line_end.ics":         {0, 0, ""},
	"kewisch-ical.js/samples/blank_line_mid.ics":         {0, 0, ""},
	"kewisch-ical.js/samples/daily_recur.ics":            {1, 0, ""},
	"kewisch-ical.js/samples/day_long_recur_yearly.ics":  {1, 0, ""},
	"kewisch-ical.js/samples/forced_types.ics":           {1, 0, ""},
	"kewisch-ical.js/samples/google_birthday.ics":        {4, 0, ""},
	"kewisch-ical.js/samples/parserv2.ics":               {1, 0, ""},
	"kewisch-ical.js/samples/recur_instances_finite.ics": {1, 0, ""},
	"kewisch-ical.js/samples/timezone_from_file.ics":     {1, 0, ""}, // Nowhere/Middle, by its VTIMEZONE
	"kewisch-ical.js/samples/utc_negative_zero.ics":      {1, 0, ""},
	"kewisch-ical.js/test/parser/component.ics":          {0, 2, ""},
	"kewisch-ical.js/test/parser/newline_junk.ics":       {0, 0, ""},
	"kewisch-ical.js/test/parser/rfc.ics":                {1, 0, ""},
	"libical/malformed-fuzz/fuzz448717854.ics":           {0, 0, CodeNotCalendar},
	"libical/malformed-fuzz/fuzz458943970.ics":           {0, 0, CodeNotCalendar},
	"libical/malformed-fuzz/fuzz472865252.ics":           {0, 0, input.CodeBinary},
	"libical/malformed-fuzz/fuzz69527.ics":               {0, 0, CodeNotCalendar},
	"libical/malformed-fuzz/fuzzmerge1.ics":              {0, 1, ""},
	"libical/malformed-fuzz/fuzzmerge3.ics":              {0, 0, CodeNotCalendar},
	"libical/malformed-fuzz/fuzzmerge4.ics":              {0, 0, ""},
	"libical/malformed-fuzz/poc-05.ics":                  {0, 0, ""},
	"libical/malformed-fuzz/timefuzz71741.ics":           {0, 1, ""},
	"libical/malformed-fuzz/timezonefuzz895.ics":         {0, 0, input.CodeBinary},
	"libical/src-test/itip.ics":                          {1, 0, ""},
	"libical/src-test/outgoing.ics":                      {1, 14, ""},
	"libical/test-data/0.ics":                            {0, 1, ""},
	"libical/test-data/2445.ics":                         {4, 2, ""},
	"libical/test-data/2446.ics":                         {11, 15, ""},
	"libical/test-data/calendar.ics":                     {2, 1, ""},
	"libical/test-data/caltime.ics":                      {0, 0, ""}, // VTIMEZONE junk, no event
	"libical/test-data/crash.ics":                        {0, 0, input.CodeBinary},
	"libical/test-data/get_char_test.ics":                {0, 0, CodeNotCalendar},
	"libical/test-data/incoming.ics":                     {4, 7, ""},
	"libical/test-data/issue252.ics":                     {0, 0, input.CodeBinary},
	"libical/test-data/malloc.ics":                       {0, 0, input.CodeBinary},
	"libical/test-data/overlaps.ics":                     {5, 0, ""},
	"libical/test-data/recur-errors.ics":                 {0, 4, ""},
	"libical/test-data/restriction.ics":                  {0, 3, ""},
	"libical/test-data/spanlist.ics":                     {5, 0, ""},
	"libical/test-data/zday.ics":                         {0, 0, input.CodeBinary},
}

// TestFixtureResults decodes every fixture listed with the result it must give; each problem
// carries an item label and a code.
func TestFixtureResults(t *testing.T) {
	for name, want := range fixtureResults {
		got, err := Decode(bytes.NewReader(readFixture(t, filepath.Join("testdata", name))), s.Events)
		var refusal *input.Error
		switch {
		case want.refused != "" && (!errors.As(err, &refusal) || refusal.Code != want.refused):
			t.Errorf("%s: got %v, want the file refused with %s", name, err, want.refused)
		case want.refused == "" && err != nil:
			t.Errorf("%s: got error %v, want %d items", name, err, want.items)
		case len(got.Items) != want.items || len(got.Problems) != want.problems:
			t.Errorf("%s: got %d items and %d problems %v, want %d and %d", name, len(got.Items), len(got.Problems), got.Problems, want.items, want.problems)
		}
		for _, p := range got.Problems {
			if p.Item == "" || p.Code == "" {
				t.Errorf("%s: got problem %+v without a label or a code", name, p)
			}
		}
	}
}
