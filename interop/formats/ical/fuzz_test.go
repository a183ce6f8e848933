package ical

import (
	"bytes"
	"path/filepath"
	"testing"

	s "github.com/maillage/maillage/schema"
)

// FuzzDecodeICS checks that no input makes Decode panic or spin, and that every event it
// accepts has a label, an external id and an end that is not before its start. Seeds: every
// iCalendar fixture, the malformed and fuzz ones first.
//
//	go test ./interop/formats/ical -run '^$' -fuzz FuzzDecodeICS -fuzztime 1m
func FuzzDecodeICS(f *testing.F) {
	for _, pattern := range []string{"testdata/libical/malformed-fuzz/*.ics", "testdata/libical/test-data/*.ics",
		"testdata/kewisch-ical.js/samples/*.ics", "testdata/kewisch-ical.js/test/parser/*.ics", "testdata/golang-ical/*/*.ics"} {
		files, _ := filepath.Glob(pattern)
		if len(files) == 0 {
			f.Fatalf("no seed matches %s (see testdata/SOURCES.md)", pattern)
		}
		for _, file := range files {
			f.Add(readFixture(f, file))
		}
	}
	f.Add([]byte("BEGIN:VEVENT\nDTSTART;TZID=X:20250101T100000\nRRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := Decode(bytes.NewReader(data), s.Events)
		if err != nil {
			return
		}
		for _, it := range got.Items {
			if it.Label == "" || it.ExternalID == "" || it.Event == nil || it.Event.End.Before(it.Event.Start) {
				t.Fatalf("got item %+v: no label, id or event, or an end before its start", it)
			}
		}
	})
}
