package federation

import (
	"html"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Offers are published as Notes: ActivityStreams' Offer is an activity (an actor offers an
// object to a target), not an object, and Mastodon and the other microblogs show the Create
// of a Note, where an Offer activity would be dropped; Mobilizon and Gancio ignore both.

// offerGone lists the offer states that take an offer out of the outbox (done, withdrawn,
// expired): it is no longer on offer, and its followers receive a Delete.
var offerGone = []string{s.OfferDone, s.OfferWithdrawn, s.OfferExpired}

// alsoWhere adds, by collection, a condition of its own to publicWhere.
var alsoWhere = map[string]string{
	s.Offers: " AND [[" + s.OfferFields.State + "]] NOT IN ('" + s.OfferDone + "', '" + s.OfferWithdrawn + "', '" + s.OfferExpired + "')",
}

// stillOffered says whether an offer in state is still on offer.
func stillOffered(state string) bool {
	return !slices.Contains(offerGone, state)
}

// noteObject is an offer (or a need) as a Note: its title as name, its description as
// content, its expiry as endTime and its point as a Place.
func noteObject(r *objectRefs, rec *core.Record) map[string]any {
	o := r.common(rec, "Note", rec.GetString(s.ContentFields.Title))
	putString(o, "endTime", instant(rec.GetDateTime(s.OfferFields.Expires).Time()))
	if place := r.place(rec, "", ""); len(place) > 1 {
		o["location"] = place
	}
	if _, ok := o["content"]; !ok {
		o["content"] = "<p>" + html.EscapeString(rec.GetString(s.ContentFields.Title)) + "</p>"
	}
	return o
}
