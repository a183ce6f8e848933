package formats

import (
	"errors"
	"strings"
	"testing"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/interop/formats/csvin"
	"github.com/maillage/maillage/interop/formats/fields"
	"github.com/maillage/maillage/interop/formats/geojson"
	"github.com/maillage/maillage/interop/formats/gogocarto"
	"github.com/maillage/maillage/interop/formats/input"
	"github.com/maillage/maillage/interop/formats/jsonld"
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

// TestCodesHaveMessages checks that every code the decoders report has its French and English
// texts, so no refusal reaches a person as a bare code.
func TestCodesHaveMessages(t *testing.T) {
	codes := []string{CodeUnknown, input.CodeTooLarge, input.CodeTooManyItems, input.CodeEmpty, input.CodeBinary,
		input.CodeUnknownCollection, input.CodeUnreadable, input.CodeNotJSON,
		fields.CodeBadCoordinates, fields.CodeEventWithoutStart, fields.CodeBadDate, fields.CodeEventEndBeforeStart,
		csvin.CodeNoHeader, csvin.CodeDuplicateColumn, csvin.CodeBadRow, csvin.CodeExtraCells,
		geojson.CodeInvalid, geojson.CodeBadFeature, gogocarto.CodeShape, gogocarto.CodeTaxonomyShape,
		gogocarto.CodeWrongKind, gogocarto.CodeNotAnObject, jsonld.CodeNone, jsonld.CodeWrongKind, jsonld.CodeUnsupported}
	for _, code := range codes {
		fr, en := i18n.T(i18n.FR, code, nil), i18n.T(i18n.EN, code, nil)
		if !i18n.Has(code) || fr == en {
			t.Errorf("%s: got %q / %q, want a French and an English text", code, fr, en)
		}
	}
}
