package jsonld

import (
	"strings"

	s "github.com/maillage/maillage/schema"
)

// kind is what a node is for Maillage.
type kind int

const (
	other kind = iota
	event
	place
	organisation
	// business is a LocalBusiness: both a place and an organisation in schema.org.
	business
	offer
)

// The schema.org and ActivityStreams types by kind; a type ending in "Event" is an event, in
// "Organization" an organisation, in "Store", "Shop" or "Business" a business.
var (
	businessTypes = set("LocalBusiness Store Restaurant FoodEstablishment CafeOrCoffeeShop Bakery BarOrPub " +
		"Pharmacy MedicalBusiness Library MovieTheater HealthAndBeautyBusiness SportsActivityLocation " +
		"EntertainmentBusiness ProfessionalService FinancialService LodgingBusiness Hotel ChildCare " +
		"RecyclingCenter EmploymentAgency GovernmentOffice TouristInformationCenter AnimalShelter " +
		"Dentist Physician SelfStorage ArchiveOrganization")
	organisationTypes = set("Organization NGO Corporation Cooperative Consortium MusicGroup SportsTeam " +
		"CollegeOrUniversity FundingAgency Project ResearchProject FundingScheme Group")
	placeTypes = set("Place CivicStructure TouristAttraction Park Museum LandmarksOrHistoricalBuildings " +
		"PlaceOfWorship Playground PublicToilet Beach Zoo Campground EventVenue MusicVenue " +
		"PerformingArtsTheater CommunityHealth Accommodation Residence School")
	offerTypes = set("Offer AggregateOffer Demand")
	// notPlaces have an address or a position without being places.
	notPlaces = set("Person PostalAddress GeoCoordinates Product Service Invoice Order ParcelDelivery " +
		"Reservation Ticket CreativeWork Article WebSite WebPage Book Movie Review Rating Grant Role")
)

func set(names string) map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(names) {
		m[n] = true
	}
	return m
}

// kindOf returns the node's kind from its types; an unknown type (a LocalBusiness kind not
// listed, say) with a location or an address is a place.
func (n node) kindOf() kind {
	for _, t := range n.types() {
		switch {
		case t == "Event" || strings.HasSuffix(t, "Event") || t == "EventSeries":
			return event
		case businessTypes[t] || strings.HasSuffix(t, "Store") || strings.HasSuffix(t, "Shop") || strings.HasSuffix(t, "Business"):
			return business
		case organisationTypes[t] || strings.HasSuffix(t, "Organization"):
			return organisation
		case placeTypes[t]:
			return place
		case offerTypes[t]:
			return offer
		}
	}
	for _, t := range n.types() {
		if notPlaces[t] {
			return other
		}
	}
	if n["geo"] != nil || n["address"] != nil || n["latitude"] != nil {
		return place
	}
	return other
}

// fits reports whether a node of kind k goes into collection, and where it goes otherwise.
func (k kind) fits(collection string) (bool, string) {
	switch k {
	case event:
		return collection == s.Events, s.Events
	case place:
		return collection == s.Initiatives, s.Initiatives
	case organisation:
		return collection == s.Organisations, s.Organisations
	case business:
		return collection == s.Initiatives || collection == s.Organisations, s.Initiatives
	}
	return false, ""
}
