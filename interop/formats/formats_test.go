package formats

import (
	"errors"
	"strings"
	"testing"

	"github.com/maillage/maillage/interop/formats/input"
	s "github.com/maillage/maillage/schema"
)

func TestLookup(t *testing.T) {
	for _, name := range Names() {
		dec, err := Lookup(strings.ToUpper(name))
		if err != nil || dec == nil {
			t.Errorf("%s: got %v, want its decoder", name, err)
		}
	}
	_, err := Lookup("shapefile")
	var ie *input.Error
	if !errors.As(err, &ie) || ie.Code != CodeUnknown || !strings.Contains(ie.Error(), "csv") {
		t.Errorf("got %v, want %s naming the known formats", err, CodeUnknown)
	}
}

// TestDecodersRefuseEmptyInput checks every registered decoder's contract on the simplest
// unusable input: an error, not a panic or an empty success.
func TestDecodersRefuseEmptyInput(t *testing.T) {
	for _, name := range Names() {
		dec, _ := Lookup(name)
		if _, err := dec(strings.NewReader(""), s.Initiatives); err == nil {
			t.Errorf("%s: got no error for an empty input, want one", name)
		}
	}
}
