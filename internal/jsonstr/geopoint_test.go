package jsonstr

import (
	"testing"

	"github.com/pocketbase/pocketbase/tools/types"
)

// ReadGeoPoint reads what GeoPoint.Scan reads, identically, for the form PocketBase writes,
// and refuses every other form (the caller then goes through PrepareValue): compared with
// Scan itself on each input.
func TestReadGeoPointAgreesWithScan(t *testing.T) {
	read := []string{`{"lon":2.3601,"lat":48.9362}`, `{"lon":-0.5,"lat":0}`, `{"lon":1e-7,"lat":-1.5E+2}`, `{"lon":0,"lat":0}`}
	refused := []string{"", `{"lat":1,"lon":2}`, `{"lon":01,"lat":2}`, `{"lon":1.,"lat":2}`, `{"lon":+1,"lat":2}`,
		`{"lon":1e,"lat":2}`, `{"lon":Inf,"lat":2}`, `{"lon":0x1p3,"lat":2}`, `{"lon":1,"lat":2} `, `{"lon":1,"lat":1e400}`,
		`{ "lon":1,"lat":2}`, `{"lon":1,"lat":2,"x":3}`, `{"lon":"1","lat":2}`}
	for _, s := range read {
		var want types.GeoPoint
		if err := want.Scan(s); err != nil {
			t.Fatalf("Scan(%s): %v", s, err)
		}
		if got, ok := ReadGeoPoint(s); !ok || got != want {
			t.Errorf("ReadGeoPoint(%s) = %v, %v; Scan reads %v", s, got, ok, want)
		}
	}
	for _, s := range refused {
		if got, ok := ReadGeoPoint(s); ok {
			t.Errorf("ReadGeoPoint(%q) read %v: it must leave this form to PrepareValue", s, got)
		}
	}
}
