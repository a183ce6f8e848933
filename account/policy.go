package account

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// action is what an account's deletion does to one record that names the person.
type action int

const (
	// actDelete deletes the record (its files go after the commit).
	actDelete action = iota
	// actClear empties the field: the record stays without the person.
	actClear
	// actLeave takes the person out of a list of people (participants, members).
	actLeave
	// actHandOver gives the record to someone else (a community to another of its members).
	actHandOver
)

// shared names collections whose records belong to several people: the person who opened
// one (its author) is only taken out of it.
var shared = map[string]bool{s.Conversations: true}

// dropWhenEmpty names the lists of people whose record goes with the last of them: a
// conversation nobody takes part in any more is deleted with its messages.
var dropWhenEmpty = map[string]bool{s.Conversations + "." + s.FieldParticipants: true}

// decide is the policy, from the relation (read from the schema) and the record:
//   - a list of people (participants, members): the person leaves it;
//   - a community's owner: another member takes it over;
//   - a required relation (a message's author, a membership's user, a block of them, a
//     subscription's user): the record cannot exist without them and goes;
//   - another single relation that is not an owner (reservedFor, decidedBy) and the opener of
//     a shared record: cleared;
//   - their own record: a public contribution (visibility public or community) goes or stays
//     without its author, as they chose; anything else (private records, settings, conflict
//     rows, media) goes.
func decide(l link, rec *core.Record, contributions string) action {
	switch {
	case l.multiple():
		return actLeave
	case handOvers[l.name()] != nil:
		return actHandOver
	case l.field.Required:
		return actDelete
	case !isOwnerField(l) || shared[l.collection.Name]:
		return actClear
	case contributions == s.ContributionsAnonymise && isPublicContribution(rec):
		return actClear
	default:
		return actDelete
	}
}

// isPublicContribution reports whether rec follows the visibility model and others may read
// it (public or community).
func isPublicContribution(rec *core.Record) bool {
	if rec.Collection().Fields.GetByName(s.FieldVisibility) == nil {
		return false
	}
	v := rec.GetString(s.FieldVisibility)
	return v == s.VisibilityPublic || v == s.VisibilityCommunity
}

// beforeClear adjusts a record whose field is about to be emptied so that it stays coherent:
// an offer reserved for the person opens again.
var beforeClear = map[string]func(rec *core.Record){
	s.Offers + "." + s.FieldReservedFor: func(rec *core.Record) {
		if rec.GetString(s.OfferFields.State) == s.OfferReserved {
			rec.Set(s.OfferFields.State, s.OfferOpen)
		}
	},
}
