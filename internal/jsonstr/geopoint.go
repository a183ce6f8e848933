package jsonstr

import (
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/tools/types"
)

// ReadGeoPoint reads a geoPoint column of exactly the form json.Marshal gives a GeoPoint,
// {"lon":<number>,"lat":<number>} with JSON numbers, as GeoPoint.Scan would read it
// (encoding/json parses a number into a float64 with strconv.ParseFloat). Any other form
// answers false, and the caller goes through the field's PrepareValue.
func ReadGeoPoint(s string) (types.GeoPoint, bool) {
	rest, ok := strings.CutPrefix(s, `{"lon":`)
	if !ok {
		return types.GeoPoint{}, false
	}
	lon, rest, ok := strings.Cut(rest, `,"lat":`)
	if !ok {
		return types.GeoPoint{}, false
	}
	lat, ok := strings.CutSuffix(rest, "}")
	if !ok || !isJSONNumber(lon) || !isJSONNumber(lat) {
		return types.GeoPoint{}, false
	}
	x, errX := strconv.ParseFloat(lon, 64)
	y, errY := strconv.ParseFloat(lat, 64)
	return types.GeoPoint{Lon: x, Lat: y}, errX == nil && errY == nil
}

// isJSONNumber reports whether s is a number as JSON's grammar writes it:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isJSONNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	switch {
	case s == "":
		return false
	case s[0] == '0':
		s = s[1:]
	case s[0] >= '1' && s[0] <= '9':
		s = skipDigits(s)
	default:
		return false
	}
	if frac, ok := strings.CutPrefix(s, "."); ok {
		if s = skipDigits(frac); len(s) == len(frac) {
			return false
		}
	}
	if len(s) > 0 && (s[0] == 'e' || s[0] == 'E') {
		exp := s[1:]
		if len(exp) > 0 && (exp[0] == '+' || exp[0] == '-') {
			exp = exp[1:]
		}
		if s = skipDigits(exp); len(s) == len(exp) {
			return false
		}
	}
	return s == ""
}

func skipDigits(s string) string {
	return strings.TrimLeft(s, "0123456789")
}
