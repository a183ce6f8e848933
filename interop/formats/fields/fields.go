// Package fields reads the loosely named fields of flat sources (CSV columns, GeoJSON
// properties) into an interop.Item: a column called "Nom", "name" or "Titre" is the name,
// "Téléphone" the phone, "lat"/"latitude" and "lon"/"lng"/"longitude" the location, whatever
// their case, accents or punctuation. It also holds what several decoders share: coordinates
// with a decimal comma, dates in ISO or French writing, addresses joined from their parts, and
// the stable ids derived for items their source gives none.
//
//	role := fields.RoleOf("Téléphone") // fields.Phone
package fields

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Role is what a source field holds, in Maillage's terms.
type Role string

// The roles a field name can have; None for a field no rule recognises (kept in Extra only).
const (
	None         Role = ""
	ID           Role = "id"
	Name         Role = "name"
	Description  Role = "description"
	Address      Role = "address"
	Postcode     Role = "postcode"
	City         Role = "city"
	Website      Role = "website"
	Email        Role = "email"
	Phone        Role = "phone"
	OpeningHours Role = "openingHours"
	Categories   Role = "categories"
	Lat          Role = "lat"
	Lon          Role = "lon"
	LatLon       Role = "latlon"
	Start        Role = "start"
	End          Role = "end"
	TimeZone     Role = "timezone"
	Place        Role = "place"
	Organiser    Role = "organiser"
	Price        Role = "price"
	Registration Role = "registration"
)

// synonyms maps a normalised field name (see Key) to its role.
var synonyms = map[string]Role{}

func init() {
	for role, names := range map[Role]string{
		ID:           "id identifiant identifier uid ref reference externalid",
		Name:         "name nom title titre libelle label denomination raisonsociale",
		Description:  "description desc descriptif presentation resume summary",
		Address:      "address adresse addr adressepostale streetaddress rue voie",
		Postcode:     "postcode codepostal cp postalcode zip zipcode",
		City:         "city ville commune localite addresslocality libcom nomcommune",
		Website:      "website url site siteweb siteinternet web",
		Email:        "email mail courriel mel adressemail adresseemail",
		Phone:        "phone telephone tel tél numerotelephone",
		OpeningHours: "openinghours horaires horaire hours heuresouverture",
		Categories:   "categories category categorie tags tag themes theme thematique thematiques",
		Lat:          "lat latitude",
		Lon:          "lon lng long longitude",
		LatLon:       "geopoint geopoint2d coordinates coordonnees coords latlon latlng",
		Start:        "start startdate startdatetime debut datedebut datededebut dtstart begin",
		End:          "end enddate enddatetime fin datefin datedefin dtend",
		TimeZone:     "timezone tz fuseau fuseauhoraire",
		Place:        "place lieu location",
		Organiser:    "organiser organizer organisateur organisatrice",
		Price:        "price prix tarif tarifs",
		Registration: "registration registrationurl inscription billetterie reservation",
	} {
		for _, n := range strings.Fields(names) {
			synonyms[Key(n)] = role
		}
	}
}

// Key normalises a field name: lower case, accents and anything but letters and digits removed,
// so "Code postal", "code_postal" and "CODE-POSTAL" are one key.
func Key(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Unaccent removes combining marks after canonical decomposition ("é" → "e", "œ" stays).
// ASCII text, most of it, is returned as it is.
func Unaccent(s string) string {
	ascii := true
	for i := 0; i < len(s) && ascii; i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// RoleOf returns the role of the field called name by its synonyms; None when it has none.
func RoleOf(name string) Role { return synonyms[Key(name)] }

// Guess returns the role a field's name suggests when it is no synonym, for fields the
// synonyms leave empty: "id_fs" or "osm_id" an ID, "lib_fs" or "nom_structure" a name.
func Guess(name string) Role {
	if RoleOf(name) != None {
		return None
	}
	lower := strings.ToLower(strings.TrimSpace(name))
	switch {
	case hasAffix(lower, "id_", "id-") || strings.HasSuffix(lower, "_id") || strings.HasSuffix(lower, "-id"):
		return ID
	case hasAffix(lower, "lib_", "libelle_", "libellé_", "nom_", "name_"):
		return Name
	}
	return None
}

func hasAffix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// days maps the normalised names of the days, French and English, to the abbreviations of
// OpenStreetMap's opening_hours, in the week's order.
var days = []struct{ abbr, fr, en string }{
	{"Mo", "lundi", "monday"}, {"Tu", "mardi", "tuesday"}, {"We", "mercredi", "wednesday"},
	{"Th", "jeudi", "thursday"}, {"Fr", "vendredi", "friday"}, {"Sa", "samedi", "saturday"}, {"Su", "dimanche", "sunday"},
}

// Day returns the day a column of opening hours is for ("h_lundi", "Horaires mardi",
// "monday"), as its number in the week from 0 (Monday); -1 for any other column.
func Day(name string) int {
	k := Key(name)
	for _, prefix := range []string{"horaires", "horaire", "hours", "heures", "h", ""} {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		for i, d := range days {
			if rest == d.fr || rest == d.en {
				return i
			}
		}
	}
	return -1
}

// WeekHours writes opening hours given per day ("09:00 - 12:00" on Monday…) as one text:
// "Mo 09:00 - 12:00; Tu …", the days without hours left out.
func WeekHours(byDay [7]string) string {
	var parts []string
	for i, h := range byDay {
		if h = clean(h); h != "" {
			parts = append(parts, days[i].abbr+" "+h)
		}
	}
	return strings.Join(parts, "; ")
}
