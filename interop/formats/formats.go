// Package formats names the decoders of the open formats Maillage imports, so that the import
// command, scheduled sources and tests find them by the names users type.
//
//	dec, err := formats.Lookup("geojson")
package formats

import (
	"fmt"
	"sort"

	"github.com/maillage/maillage/interop"
)

// decoders maps a format name to its decoder. Each decoder package adds its line here.
var decoders = map[string]interop.Decoder{}

// Lookup returns the decoder of the format called name.
func Lookup(name string) (interop.Decoder, error) {
	dec, ok := decoders[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q", name)
	}
	return dec, nil
}

// Names lists the formats, sorted.
func Names() []string {
	names := make([]string, 0, len(decoders))
	for name := range decoders {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
