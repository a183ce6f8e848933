package federation

import (
	"errors"
	"fmt"
	"time"
)

// Event is what Maillage reads of a remote ActivityStreams Event (Gancio, Mobilizon, another
// Maillage): enough to store it as an imported event.
type Event struct {
	ID, Name, Content, URL string
	StartTime, EndTime     time.Time
	Location               Place
}

// Place is an event's location: its name, street, locality and point (0, 0 when unknown).
type Place struct {
	Name, Street, Locality string
	Latitude, Longitude    float64
}

// Event reads the Event of the document: the document itself, or the object of the activity
// (Create, Update, Announce) it is.
func (d Document) Event() (Event, error) {
	n := map[string]any(d)
	if object, ok := n["object"].(map[string]any); ok && n["type"] != "Event" {
		n = object
	}
	if n["type"] != "Event" {
		return Event{}, fmt.Errorf("no Event: the object is a %v", n["type"])
	}
	ev := Event{ID: str(n, "id"), Name: str(n, "name"), Content: str(n, "content"), URL: str(n, "url")}
	var err error
	if ev.StartTime, err = time.Parse(time.RFC3339, str(n, "startTime")); err != nil {
		return Event{}, errors.New("the Event has no valid startTime")
	}
	if end := str(n, "endTime"); end != "" {
		if ev.EndTime, err = time.Parse(time.RFC3339, end); err != nil {
			return Event{}, fmt.Errorf("endTime %q: %w", end, err)
		}
	}
	if loc, ok := n["location"].(map[string]any); ok {
		ev.Location = readPlace(loc)
	}
	return ev, nil
}

// readPlace reads a Place, with its schema.org-style PostalAddress when it has one.
func readPlace(n map[string]any) Place {
	p := Place{Name: str(n, "name"), Latitude: number(n["latitude"]), Longitude: number(n["longitude"])}
	if a, ok := n["address"].(map[string]any); ok {
		p.Street, p.Locality = str(a, "streetAddress"), str(a, "addressLocality")
	}
	return p
}

// str is n[key] when it is a string, "" otherwise.
func str(n map[string]any, key string) string {
	s, _ := n[key].(string)
	return s
}

// number is v as a float64 when it is a JSON number, 0 otherwise.
func number(v any) float64 {
	switch t := v.(type) {
	case float64:
		return t
	case interface{ Float64() (float64, error) }:
		f, _ := t.Float64()
		return f
	}
	return 0
}
