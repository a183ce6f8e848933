package fields

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"strconv"
	"strings"

	"github.com/maillage/maillage/interop"
)

// Coordinate reads decimal degrees written with a point or, as French spreadsheets write
// them, a decimal comma ("48,9167"). It refuses anything else, infinities and NaN included.
func Coordinate(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// NewPoint returns the point at lon, lat when it is a WGS84 position: latitude within ±90,
// longitude within ±180. (0, 0), which a failed geocoder writes, is a position: the
// importer's territory check refuses it with its distance.
func NewPoint(lon, lat float64) (*interop.Point, bool) {
	if math.IsNaN(lon) || math.IsNaN(lat) || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return nil, false
	}
	return &interop.Point{Lon: lon, Lat: lat}, true
}

// ParseLatLon reads one cell holding both coordinates, latitude first ("48.93, 2.35", the way
// OpenDataSoft's geo_point_2d and spreadsheets write them; "48,93;2,35" too).
func ParseLatLon(s string) (*interop.Point, bool) {
	s = strings.Trim(strings.TrimSpace(s), "[]()")
	sep := ","
	if strings.Contains(s, ";") {
		sep = ";"
	} else if strings.Count(s, ",") != 1 {
		sep = " "
	}
	parts := strings.Fields(strings.ReplaceAll(s, sep, " "))
	if sep != " " {
		parts = strings.Split(s, sep)
	}
	if len(parts) != 2 {
		return nil, false
	}
	lat, okLat := Coordinate(parts[0])
	lon, okLon := Coordinate(parts[1])
	if !okLat || !okLon {
		return nil, false
	}
	return NewPoint(lon, lat)
}

// JoinAddress writes an address from its parts the French way: "5 rue Edmond Proust, 79120
// Chenay, FR", leaving out the empty parts (and a city the street already ends with).
func JoinAddress(street, postcode, city, country string) string {
	street, postcode, city = clean(street), clean(postcode), clean(city)
	if city != "" && strings.HasSuffix(strings.ToLower(street), strings.ToLower(city)) {
		postcode, city = "", ""
	}
	var parts []string
	for _, p := range []string{street, strings.TrimSpace(postcode + " " + city), clean(country)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// clean trims s and folds its runs of spaces and newlines into one space.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

// SplitList splits "a, b; c | d" into its trimmed, non-empty items.
func SplitList(v string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '|' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// DerivedID is the stable id of an item whose source gives none: a hash of the parts that
// identify it (its name and address, or its name and position), normalised so that case,
// accents and spacing do not change it. The prefix says the id was derived, not given.
func DerivedID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(Key(p)))
		h.Write([]byte{0x1f})
	}
	return "h-" + hex.EncodeToString(h.Sum(nil)[:12])
}
