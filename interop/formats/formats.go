// Package formats is the registry of the semantic bus's decoders: one name per open format,
// as the import command's --format and a source's format field spell it.
//
//	dec, err := formats.Lookup("csv")
//	got, err := dec(file, schema.Initiatives)
package formats

import (
	"sort"
	"strings"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/csvin"
	"github.com/maillage/maillage/interop/formats/geojson"
	"github.com/maillage/maillage/interop/formats/gogocarto"
	"github.com/maillage/maillage/interop/formats/ical"
	"github.com/maillage/maillage/interop/formats/input"
	"github.com/maillage/maillage/interop/formats/jsonld"
)

// CodeUnknown is the message key of an unknown format name.
const CodeUnknown = "format_unknown"

// decoders maps each format name to its decoder.
var decoders = map[string]interop.Decoder{
	"csv":       csvin.Decode,
	"geojson":   geojson.Decode,
	"gogocarto": gogocarto.Decode,
	"jsonld":    jsonld.Decode,
	"ics":       ical.Decode,
}

// Lookup returns the decoder of the format called name, or an *input.Error naming the known
// formats.
func Lookup(name string) (interop.Decoder, error) {
	if dec, ok := decoders[strings.ToLower(strings.TrimSpace(name))]; ok {
		return dec, nil
	}
	return nil, input.Refuse(CodeUnknown, "format", name, "formats", strings.Join(Names(), ", "))
}

// Names lists the known format names, sorted.
func Names() []string {
	names := make([]string, 0, len(decoders))
	for name := range decoders {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
