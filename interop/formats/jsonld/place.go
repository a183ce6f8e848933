package jsonld

import (
	"strings"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
)

// addressOf writes an address given as text or as a PostalAddress.
func addressOf(v any) string {
	for _, a := range asList(v) {
		if m, ok := a.(map[string]any); ok {
			n := node(m)
			locality := n.text("addressLocality")
			if r := n.text("addressRegion"); r != "" && r != locality {
				locality = strings.TrimSpace(locality + " " + r)
			}
			if s := fields.JoinAddress(n.text("streetAddress"), n.text("postalCode"), locality, n.text("addressCountry")); s != "" {
				return s
			}
			continue
		}
		if s := textOf(a); s != "" {
			return s
		}
	}
	return ""
}

// pointOf reads a node's position: its geo (GeoCoordinates) or, in ActivityStreams, its own
// latitude and longitude. An out-of-range position is no position.
func pointOf(n node) *interop.Point {
	for _, g := range asList(n["geo"]) {
		if m, ok := g.(map[string]any); ok {
			if p := latLon(node(m)); p != nil {
				return p
			}
		}
	}
	return latLon(n)
}

func latLon(n node) *interop.Point {
	lat, okLat := fields.Coordinate(n.text("latitude"))
	lon, okLon := fields.Coordinate(n.text("longitude"))
	if !okLat || !okLon {
		return nil
	}
	p, _ := fields.NewPoint(lon, lat)
	return p
}

// locationOf reads an event's location as a position, when it has one.
func locationOf(v any) *interop.Point {
	for _, l := range asList(v) {
		if m, ok := l.(map[string]any); ok {
			if p := pointOf(node(m)); p != nil {
				return p
			}
		}
	}
	return nil
}

// placeText writes an event's location as text: a Place's name and address, a
// VirtualLocation's URL, a PostalAddress, or the text given.
func placeText(v any) string {
	var parts []string
	for _, l := range asList(v) {
		m, ok := l.(map[string]any)
		if !ok {
			parts = appendText(parts, textOf(l))
			continue
		}
		n := node(m)
		switch {
		case n.is("VirtualLocation"):
			parts = appendText(parts, n.link("url"))
		case n.is("PostalAddress"):
			parts = appendText(parts, addressOf(m))
		default:
			parts = appendText(parts, strings.Trim(n.text("name")+", "+addressOf(n["address"]), ", "))
		}
	}
	return strings.Join(parts, " ; ")
}
