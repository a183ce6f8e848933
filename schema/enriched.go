package schema

import "slices"

// Enriched lists the collections whose records an OnRecordEnrich hook changes for each
// reader: the blurred locations of Blurred, and the person an offer is reserved for (shown to
// the offer's author and that person only). Whatever serialises rows without those hooks (the
// sync's fast snapshot path) must leave these collections out.
var Enriched = []string{Users, Offers}

// IsEnriched reports whether an OnRecordEnrich hook changes collection's records.
func IsEnriched(collection string) bool {
	return slices.Contains(Enriched, collection)
}
