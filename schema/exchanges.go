package schema

// Exchanges: the life of an offer (open → reserved → done, withdrawn, expired) and the
// bookings of the offers lent or rented (package community/exchanges).

// Bookings is the collection of the dates people ask for an offer lent or rented.
const Bookings = "bookings"

// Offer states besides OfferOpen, OfferReserved and OfferDone (schema/demo.go).
const (
	OfferWithdrawn = "withdrawn"
	OfferExpired   = "expired"
)

// OfferStates lists every value of offers.state, in the order of an offer's life.
var OfferStates = []string{OfferOpen, OfferReserved, OfferDone, OfferWithdrawn, OfferExpired}

// FieldReservedFor is the offer's relation to the user it is reserved for.
const FieldReservedFor = "reservedFor"

// Offer modes whose offers have a calendar of bookings.
const (
	ModeLoan   = "loan"
	ModeRental = "rental"
)

// BookingFields names the fields of bookings (author and created/updated are the common ones).
var BookingFields = struct{ Offer, Start, End, Status, Note, Reason string }{
	"offer", "start", "end", "status", "note", "reason",
}

// Booking statuses: asked by its author, then confirmed or declined by the offer's author, or
// cancelled by its author.
const (
	BookingRequested = "requested"
	BookingConfirmed = "confirmed"
	BookingDeclined  = "declined"
	BookingCancelled = "cancelled"
)

// BookingStatuses lists every value of bookings.status.
var BookingStatuses = []string{BookingRequested, BookingConfirmed, BookingDeclined, BookingCancelled}

// BookingReasonDatesTaken is the reason of a request the server declined because another
// booking of the same dates was confirmed.
const BookingReasonDatesTaken = "datesTaken"
