package schema

import "slices"

// Enriched lists the collections whose records an OnRecordEnrich hook changes for each
// reader: the blurred locations of Blurred, the person an offer is reserved for (shown to
// the offer's author and that person only), and the changes of a revision (restricted fields
// left out for others than the record's author and moderators). Whatever serialises rows without those hooks (the
// sync's fast snapshot path) must leave these collections out.
var Enriched = []string{Users, Offers, Revisions}

// IsEnriched reports whether an OnRecordEnrich hook changes collection's records.
func IsEnriched(collection string) bool {
	return slices.Contains(Enriched, collection)
}
