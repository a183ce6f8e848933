package importer

import (
	"strconv"
	"strings"

	"github.com/maillage/maillage/interop"
)

// applyMapping fills an item's fields from the source columns its mapping names (Item.Extra),
// over what the decoder found: the source's owner knows best which column is the name.
func applyMapping(it interop.Item, m *interop.Mapping) interop.Item {
	if m == nil {
		return it
	}
	var lat, lon string
	for target, column := range m.Fields {
		v, ok := it.Extra[column]
		if !ok {
			continue
		}
		switch target {
		case "lat":
			lat = v
		case "lon":
			lon = v
		case "categories":
			it.Categories = splitList(v)
		default:
			setText(&it, target, v)
		}
	}
	if p, ok := parsePoint(lon, lat); ok {
		it.Geo = p
	}
	return it
}

// setText sets the item's text field named target; unknown targets are ignored (the mapping
// is checked when a source is saved).
func setText(it *interop.Item, target, v string) {
	fields := map[string]*string{
		"name": &it.Name, "description": &it.Description, "address": &it.Address, "website": &it.Website,
		"email": &it.Email, "phone": &it.Phone, "openingHours": &it.OpeningHours, "externalId": &it.ExternalID,
	}
	if p, ok := fields[target]; ok {
		*p = strings.TrimSpace(v)
	}
}

// parsePoint reads decimal degrees, with a decimal comma as French spreadsheets write them.
func parsePoint(lon, lat string) (*interop.Point, bool) {
	x, errX := strconv.ParseFloat(strings.Replace(strings.TrimSpace(lon), ",", ".", 1), 64)
	y, errY := strconv.ParseFloat(strings.Replace(strings.TrimSpace(lat), ",", ".", 1), 64)
	if errX != nil || errY != nil || x < -180 || x > 180 || y < -90 || y > 90 {
		return nil, false
	}
	return &interop.Point{Lon: x, Lat: y}, true
}

// splitList splits "a, b; c | d" into its items.
func splitList(v string) []string {
	parts := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '|' })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
