package fields

import (
	"fmt"
	"strings"
	"time"

	"github.com/maillage/maillage/interop"
	s "github.com/maillage/maillage/schema"
)

// Codes of the item problems this package reports, message keys of the i18n package.
const (
	CodeBadCoordinates      = "format_bad_coordinates"
	CodeEventWithoutStart   = "format_event_without_start"
	CodeBadDate             = "format_bad_date"
	CodeEventEndBeforeStart = "format_event_end_before_start"
)

// Pair is one named value of a flat source: a CSV cell under its header, a GeoJSON property.
// List, when set, holds a value the source gave as a list (GeoJSON arrays); Value is then the
// list joined for Extra.
type Pair struct {
	Name, Value string
	List        []string
}

// Item reads pairs into an item for collection: each role takes the first non-empty value of
// a field with that role, every pair is kept in Extra by its own name, and label (with the
// item's name) names the item in reports. An item that cannot be read returns a problem.
// ExternalID is the id field's value, empty when there is none (see Identity).
func Item(pairs []Pair, collection, label string) (interop.Item, *interop.Problem) {
	roles, lists := byRole(pairs)
	it := interop.Item{
		Name: roles[Name], Description: roles[Description], Website: roles[Website], Email: roles[Email],
		Phone: roles[Phone], OpeningHours: roles[OpeningHours], Extra: extra(pairs),
		Address: JoinAddress(roles[Address], roles[Postcode], roles[City], ""),
	}
	it.Label = Label(label, it.Name)
	it.Categories = lists[Categories]
	if it.Categories == nil {
		it.Categories = SplitList(roles[Categories])
	}
	var problem *interop.Problem
	it.Geo, problem = geoOf(it.Label, roles)
	if problem == nil && collection == s.Events {
		it.Event, problem = eventOf(it.Label, roles)
	}
	it.ExternalID = roles[ID]
	return it, problem
}

// Identity is the stable id of an item its source gives none: derived from its name, address,
// position (to about 10 cm) and start, so that a re-import of the same item matches it.
func Identity(it interop.Item) string {
	var pos, start string
	if it.Geo != nil {
		pos = fmt.Sprintf("%.6f,%.6f", it.Geo.Lon, it.Geo.Lat)
	}
	if it.Event != nil {
		start = it.Event.Start.UTC().Format(time.RFC3339)
	}
	return DerivedID(it.Name, it.Address, pos, start)
}

// Label names an item in reports: where it is in its file, and its name when it has one.
func Label(where, name string) string {
	if name = clean(name); name != "" {
		return where + " (" + name + ")"
	}
	return where
}

// byRole gives each role the first non-empty value of a field with that role: synonyms first,
// then guesses for the roles still empty; opening hours given per day make one text.
func byRole(pairs []Pair) (map[Role]string, map[Role][]string) {
	roles, lists := map[Role]string{}, map[Role][]string{}
	for _, roleOf := range []func(string) Role{RoleOf, Guess} {
		for _, p := range pairs {
			role := roleOf(p.Name)
			if role == None || roles[role] != "" || strings.TrimSpace(p.Value) == "" {
				continue
			}
			roles[role] = strings.TrimSpace(p.Value)
			if p.List != nil {
				lists[role] = p.List
			}
		}
	}
	if roles[OpeningHours] == "" {
		roles[OpeningHours] = weekOf(pairs)
	}
	return roles, lists
}

func weekOf(pairs []Pair) string {
	var week [7]string
	for _, p := range pairs {
		if d := Day(p.Name); d >= 0 && week[d] == "" {
			week[d] = p.Value
		}
	}
	return WeekHours(week)
}

func extra(pairs []Pair) map[string]string {
	out := make(map[string]string, len(pairs))
	for _, p := range pairs {
		if _, dup := out[p.Name]; !dup {
			out[p.Name] = p.Value
		}
	}
	return out
}

// geoOf reads the location from lat and lon fields, or one field holding both. No
// coordinates at all is no location (an address alone is kept as text); half a pair, or
// values that are not a WGS84 position, is a problem.
func geoOf(label string, roles map[Role]string) (*interop.Point, *interop.Problem) {
	lat, lon := roles[Lat], roles[Lon]
	if lat == "" && lon == "" {
		if roles[LatLon] == "" {
			return nil, nil
		}
		if p, ok := ParseLatLon(roles[LatLon]); ok {
			return p, nil
		}
		return nil, problem(label, CodeBadCoordinates, "lat", roles[LatLon], "lon", "")
	}
	y, okLat := Coordinate(lat)
	x, okLon := Coordinate(lon)
	if okLat && okLon {
		if p, ok := NewPoint(x, y); ok {
			return p, nil
		}
	}
	return nil, problem(label, CodeBadCoordinates, "lat", lat, "lon", lon)
}

// eventOf reads an agenda entry's dates and details; a missing or unreadable start, or an end
// before the start, is a problem.
func eventOf(label string, roles map[Role]string) (*interop.Event, *interop.Problem) {
	if roles[Start] == "" {
		return nil, problem(label, CodeEventWithoutStart)
	}
	zone := roles[TimeZone]
	start, allDay, zoned, ok := Time(roles[Start], zone)
	if !ok {
		return nil, problem(label, CodeBadDate, "value", roles[Start])
	}
	ev := &interop.Event{Start: start, AllDay: allDay, Place: roles[Place], Organiser: roles[Organiser],
		Price: roles[Price], RegistrationURL: roles[Registration]}
	if !zoned {
		ev.TimeZone = ZoneName(zone)
	}
	if roles[End] != "" {
		end, endDay, _, ok := Time(roles[End], zone)
		if !ok {
			return nil, problem(label, CodeBadDate, "value", roles[End])
		}
		if allDay && endDay {
			end = end.In(Location(zone)).AddDate(0, 0, 1).UTC() // sources write the last day; Maillage keeps the day after
		}
		if end.Before(start) {
			return nil, problem(label, CodeEventEndBeforeStart, "start", roles[Start], "end", roles[End])
		}
		ev.End = end
	}
	return ev, nil
}

func problem(item, code string, pairs ...any) *interop.Problem {
	p := Problem(item, code, pairs...)
	return &p
}

// Problem builds an item problem with its params given as name, value pairs, for decoders.
func Problem(item, code string, pairs ...any) interop.Problem {
	params := map[string]any{}
	for i := 0; i+1 < len(pairs); i += 2 {
		if name, ok := pairs[i].(string); ok {
			params[name] = pairs[i+1]
		}
	}
	return interop.Problem{Item: item, Code: code, Params: params}
}
