package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// bookings: the dates people ask for an offer lent or rented. The requester and the offer's
// author (and moderators) read a booking; the requester asks and cancels, the offer's author
// confirms or declines; nobody moves its dates or its offer. community/exchanges checks the
// offer, the order of statuses, and that no two confirmed bookings of an offer overlap.
func init() {
	m.Register(createBookings, dropCollections(s.Bookings))
}

// Booking rules. The offer must be one the requester may read (contentRead, seen through the
// booking's offer relation) and not their own.
const (
	bookingParties = ruleSignedIn + ` && (author = @request.auth.id || offer.author = @request.auth.id || ` + ruleModerator + `)`

	bookingOfferReadable = `offer.deleted = false && offer.status = "published" && (offer.visibility = "public" || ` +
		`(offer.visibility = "community" && (offer.community = "" || offer.community.memberships_via_community.user ?= @request.auth.id)))`

	bookingCreate = ruleSignedIn + ` && author = @request.auth.id && offer.author != @request.auth.id` +
		` && (status = "" || status = "` + s.BookingRequested + `") && reason = "" && ` + bookingOfferReadable

	bookingFixed = `@request.body.offer:changed = false && @request.body.author:changed = false` +
		` && @request.body.start:changed = false && @request.body.end:changed = false && @request.body.reason:changed = false`

	bookingRequesterEdit = `(author = @request.auth.id && (@request.body.status:changed = false || @request.body.status = "` +
		s.BookingCancelled + `"))`

	bookingOwnerEdit = `(offer.author = @request.auth.id && @request.body.note:changed = false && (@request.body.status:changed = false || ` +
		`@request.body.status = "` + s.BookingConfirmed + `" || @request.body.status = "` + s.BookingDeclined + `"))`

	bookingUpdate = ruleSignedIn + ` && ` + bookingFixed + ` && (` + bookingRequesterEdit + ` || ` + bookingOwnerEdit + ` || ` + ruleModerator + `)`
)

func createBookings(app core.App) error {
	offers, err := app.FindCollectionByNameOrId(s.Offers)
	if err != nil {
		return err
	}
	f := s.BookingFields
	c := core.NewBaseCollection(s.Bookings)
	c.ListRule = rule(bookingParties)
	c.ViewRule = rule(bookingParties)
	c.CreateRule = rule(bookingCreate)
	c.UpdateRule = rule(bookingUpdate)
	c.DeleteRule = rule(ruleModerator)
	c.Fields.Add(
		&core.RelationField{Name: f.Offer, CollectionId: offers.Id, MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.RelationField{Name: s.FieldAuthor, CollectionId: "_pb_users_auth_", MaxSelect: 1, Required: true, CascadeDelete: true},
		&core.DateField{Name: f.Start, Required: true},
		&core.DateField{Name: f.End, Required: true},
		&core.SelectField{Name: f.Status, MaxSelect: 1, Values: s.BookingStatuses},
		&core.TextField{Name: f.Note, Max: 1000},
		&core.SelectField{Name: f.Reason, MaxSelect: 1, Values: []string{s.BookingReasonDatesTaken}},
	)
	c.Fields.Add(timestamps()...)
	c.AddIndex("idx_bookings_offer_status", false, f.Offer+", "+f.Status+", "+f.Start, "")
	c.AddIndex("idx_bookings_author", false, s.FieldAuthor, "")
	return app.Save(c)
}
