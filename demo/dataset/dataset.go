// Package dataset describes the demo territory file (demo/data/*.json) shared by its generator
// (demo/gen) and its loader (package demo), and the plane geometry both need: point in polygon
// over GeoJSON Polygon and MultiPolygon boundaries.
//
//	var d dataset.Dataset
//	json.Unmarshal(raw, &d)
//	inside := dataset.Contains(d.Communes[0].Boundary, dataset.Point{Lon: 2.35, Lat: 48.93})
package dataset

// Dataset is a whole demo territory: its attribution, communes and content.
type Dataset struct {
	// Territory is the slug stored in every commune's territory field.
	Territory string `json:"territory"`
	// Notice says, in French and English, that generated records are demo content.
	Notice        string         `json:"notice"`
	Credits       []Credit       `json:"credits"`
	Communes      []Commune      `json:"communes"`
	Organisations []Organisation `json:"organisations"`
	Initiatives   []Initiative   `json:"initiatives"`
	Events        []Event        `json:"events"`
	Offers        []Offer        `json:"offers"`
}

// Credit is the attribution of one source the dataset derives from.
type Credit struct {
	Name       string `json:"name"`
	Producer   string `json:"producer"`
	Licence    string `json:"licence"`
	LicenceURL string `json:"licenceUrl"`
	URL        string `json:"url"`
}

// Point is a WGS 84 position, longitude first as in GeoJSON.
type Point struct {
	Lon float64 `json:"lon"`
	Lat float64 `json:"lat"`
}

// Commune is one commune of the territory, with its current official name and INSEE code.
type Commune struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Boundary Geometry `json:"boundary"`
	Center   Point    `json:"center"`
}

// Ref is the provenance of a record: the source it comes from and its id there. Every demo
// record has one, which makes loading idempotent.
type Ref struct {
	Source     string `json:"source"`
	ExternalID string `json:"externalId"`
}

// Common holds the fields every demo content record shares.
type Common struct {
	Ref
	Description string   `json:"description"`
	Geo         Point    `json:"geo"`
	Commune     string   `json:"commune"`
	Categories  []string `json:"categories"`
}

// Organisation is a directory entry.
type Organisation struct {
	Common
	Name    string `json:"name"`
	Address string `json:"address,omitempty"`
	Contact string `json:"contact,omitempty"`
	Website string `json:"website,omitempty"`
}

// Initiative is a mapped place.
type Initiative struct {
	Common
	Name         string `json:"name"`
	Address      string `json:"address,omitempty"`
	Contact      string `json:"contact,omitempty"`
	OpeningHours string `json:"openingHours,omitempty"`
	Website      string `json:"website,omitempty"`
	Organisation *Ref   `json:"organisation,omitempty"`
}

// Event is an agenda entry; Start and End are RFC 3339 in UTC, RRule an RFC 5545 rule
// evaluated in Timezone.
type Event struct {
	Common
	Title      string `json:"title"`
	Start      string `json:"start"`
	End        string `json:"end,omitempty"`
	Timezone   string `json:"timezone"`
	RRule      string `json:"rrule,omitempty"`
	Place      string `json:"place,omitempty"`
	Price      string `json:"price,omitempty"`
	Initiative *Ref   `json:"initiative,omitempty"`
	Organiser  *Ref   `json:"organiser,omitempty"`
}

// Offer is an offer or a need.
type Offer struct {
	Common
	Title          string  `json:"title"`
	Kind           string  `json:"kind"`
	Mode           string  `json:"mode"`
	Price          float64 `json:"price,omitempty"`
	CurrencyAmount float64 `json:"currencyAmount,omitempty"`
	Expires        string  `json:"expires,omitempty"`
}
