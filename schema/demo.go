package schema

// Field names per collection, grouped so that each concern can name the fields it uses without
// clashing with constants other files declare. The demo loader (package demo) uses them.

// CommuneFields names the fields of communes.
var CommuneFields = struct{ Code, Name, Territory, Boundary, Center string }{
	"code", "name", "territory", "boundary", "center",
}

// CategoryFields names the fields of categories.
var CategoryFields = struct{ Slug, Parent string }{"slug", "parent"}

// ContentFields names fields several content collections share besides the common ones.
var ContentFields = struct {
	Name, Title, Description, Categories, Address, Contact, Website string
}{"name", "title", "description", "categories", "address", "contact", "website"}

// InitiativeFields names the fields of initiatives of their own.
var InitiativeFields = struct{ OpeningHours, Organisation string }{"openingHours", "organisation"}

// EventFields names the fields of events of their own.
var EventFields = struct {
	Start, End, AllDay, Timezone, RRule, Place, Price, Initiative, Organiser string
}{"start", "end", "allDay", "timezone", "rrule", "place", "price", "initiative", "organiser"}

// OfferFields names the fields of offers of their own.
var OfferFields = struct{ Kind, Mode, Price, CurrencyAmount, State, Expires string }{
	"kind", "mode", "price", "currencyAmount", "state", "expires",
}

// Offer states (the moderation status stays in FieldStatus).
const (
	OfferOpen     = "open"
	OfferReserved = "reserved"
	OfferDone     = "done"
)
