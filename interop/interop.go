// Package interop is Maillage's semantic bus: it reads the territory's other databases from
// open formats (GeoJSON, CSV, GoGoCarto, iCalendar, JSON-LD) and writes Maillage's public data
// back in them. This file holds what every format shares: the Item a decoder reads, and the
// per-item problems it reports. Decoders live in interop/formats/<format>, one package each;
// the import engine (interop/importer), scheduled sources (interop/sources) and exports
// (interop/export) build on them.
//
//	dec, _ := formats.Lookup("geojson")
//	got, err := dec(file, schema.Initiatives) // err: the file itself is unusable
package interop

import (
	"io"
	"time"
)

// Item is one record read from an open format, in Maillage's terms, before it is matched to a
// record of the target collection. Decoders fill what the format gives and leave the rest zero.
type Item struct {
	// ExternalID identifies the item in its source (its id, UID, @id…); when the format has
	// none, the decoder derives a stable one from the content, so a re-import matches.
	ExternalID string
	// Label names the item in error reports (its name, or its position: "feature 12", "line 7").
	Label string
	// Name is the name of a place or organisation, the title of an event.
	Name        string
	Description string
	Address     string
	Website     string
	Email       string
	Phone       string
	// OpeningHours is the source's opening hours as text.
	OpeningHours string
	// Geo is the location; nil when the source gives none (an event's place may be text only).
	Geo *Point
	// Categories are the source's category names (or ids), mapped to Maillage's by the importer.
	Categories []string
	// Event is set for events only.
	Event *Event
	// Extra keeps source fields a mapping may name (CSV columns, GoGoCarto data keys), by name.
	Extra map[string]string
}

// Point is a WGS84 location.
type Point struct{ Lon, Lat float64 }

// Event is what an agenda entry adds to an Item.
type Event struct {
	// Start and End are instants (UTC); for all-day events, midnight of the first day and of
	// the day after the last, in TimeZone.
	Start, End time.Time
	AllDay     bool
	// TimeZone is the IANA zone of the event's local times ("Europe/Paris"); empty for UTC.
	// Floating times are read in the territory's zone and carry it, so that a weekly 10:00
	// stays at 10:00 across summer time.
	TimeZone string
	// RRule is the RFC 5545 recurrence rule without its "RRULE:" prefix; empty for one date.
	RRule string
	// RDates are added occurrences, ExDates removed ones (instants, UTC).
	RDates, ExDates []time.Time
	// Place is where it happens as text, when the source gives no coordinates (or as well).
	Place string
	// Price and RegistrationURL as the source gives them.
	Price           string
	RegistrationURL string
	// Organiser names the organising body as text.
	Organiser string
}

// Problem is one item the decoder could not read, or refused: Code is a message key of the
// i18n package, Params fill its placeholders, so the report reads in the requester's language.
type Problem struct {
	Item   string
	Code   string
	Params map[string]any
}

// Decoded is what a decoder read from one input.
type Decoded struct {
	Items    []Item
	Problems []Problem
}

// Decoder reads a whole input of one format for one target collection (initiatives, events or
// organisations). It returns an error only when the input itself is unusable (not the format
// at all, wrong encoding beyond repair); a bad item becomes a Problem and the others are read.
// A decoder never panics and always returns, whatever the input.
type Decoder func(r io.Reader, collection string) (Decoded, error)

// Mapping adapts a source to Maillage: Fields renames source fields (CSV columns, GoGoCarto
// data keys, found in Item.Extra) onto Item fields ("name", "description", "address",
// "website", "email", "phone", "openingHours", "lat", "lon", "categories"), and Categories maps
// a source category (name or id) to a Maillage category (id or French name). It is stored as
// JSON on a source: {"fields": {"name": "Nom"}, "categories": {"Alimentation": "Alimentation durable"}}.
type Mapping struct {
	Fields     map[string]string `json:"fields,omitempty"`
	Categories map[string]string `json:"categories,omitempty"`
}
