package geoapi

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/i18n"
)

// Limits of a geo query.
const (
	DefaultLimit    = 1000
	MaxLimit        = 5000
	MaxRadiusMeters = 50000
	maxTextParam    = 100
)

// Query is a parsed geo query: every part is optional and they combine (a box and a circle
// intersect). Without Box nor Near it lists every located record the reader may list.
type Query struct {
	Box      *geo.Bounds // bbox=minLon,minLat,maxLon,maxLat
	Near     *geo.Point  // near=lon,lat, with Radius in metres; results sorted by distance
	Radius   float64
	Category string // a category's slug or id
	Commune  string // a commune's INSEE code or id
	Limit    int
	Fields   []string // fields=name,name: only these properties, in this order (checkFields)
}

// ParseQuery reads a geo query from URL parameters. Its error is a validation.Errors keyed
// by parameter, each message giving the expected form; unknown parameters are ignored (map
// tools add their own).
func ParseQuery(v url.Values) (Query, error) {
	q := Query{Category: v.Get("category"), Commune: v.Get("commune"), Limit: DefaultLimit, Fields: parseFields(v.Get("fields"))}
	errs := validation.Errors{}
	if s := v.Get("bbox"); s != "" {
		b, err := parseBox(s)
		q.Box = &b
		errs["bbox"] = err
	}
	if s := v.Get("near"); s != "" {
		p, err := parsePoint(s)
		q.Near = &p
		errs["near"] = err
	}
	q.Radius, errs["radius"] = parseRadius(v.Get("radius"), q.Near != nil)
	q.Limit, errs["limit"] = parseLimit(v.Get("limit"))
	errs["category"] = checkText(q.Category)
	errs["commune"] = checkText(q.Commune)
	return q, errs.Filter()
}

// SearchBox is the box to look in: bbox, the circle's box, both intersected, or nil for all.
func (q Query) SearchBox() *geo.Bounds {
	var circle *geo.Bounds
	if q.Near != nil {
		b := geo.Around(*q.Near, q.Radius)
		circle = &b
	}
	switch {
	case q.Box == nil:
		return circle
	case circle == nil:
		return q.Box
	}
	b := geo.Bounds{MinLon: math.Max(q.Box.MinLon, circle.MinLon), MinLat: math.Max(q.Box.MinLat, circle.MinLat),
		MaxLon: math.Min(q.Box.MaxLon, circle.MaxLon), MaxLat: math.Min(q.Box.MaxLat, circle.MaxLat)}
	return &b
}

// Matches reports whether the point p, as the reader sees it, answers the query's box and
// circle, and its distance to near (0 without near).
func (q Query) Matches(p geo.Point) (ok bool, distance float64) {
	if q.Box != nil && !q.Box.Contains(p) {
		return false, 0
	}
	if q.Near == nil {
		return true, 0
	}
	d := geo.DistanceMeters(*q.Near, p)
	return d <= q.Radius, d
}

// Each refused parameter is an i18n error (i18n/messages_geo.go) naming the value and the
// expected form, written in the requester's language at the HTTP edge.

func parseBox(s string) (geo.Bounds, error) {
	value := map[string]any{"value": s}
	n, err := numbers(s, 4)
	if err != nil {
		return geo.Bounds{}, i18n.NewError("invalid_bbox", value)
	}
	b := geo.Bounds{MinLon: n[0], MinLat: n[1], MaxLon: n[2], MaxLat: n[3]}
	if checkLonLat(b.MinLon, b.MinLat) != nil || checkLonLat(b.MaxLon, b.MaxLat) != nil {
		return b, i18n.NewError("invalid_bbox", value)
	}
	if b.MinLon > b.MaxLon || b.MinLat > b.MaxLat {
		return b, i18n.NewError("invalid_bbox", map[string]any{"value": s, "reason": "reversed"})
	}
	return b, nil
}

func parsePoint(s string) (geo.Point, error) {
	n, err := numbers(s, 2)
	if err == nil {
		err = checkLonLat(n[0], n[1])
	}
	if err != nil {
		return geo.Point{}, i18n.NewError("invalid_near", map[string]any{"value": s})
	}
	return geo.Point{Lon: n[0], Lat: n[1]}, nil
}

func parseRadius(s string, near bool) (float64, error) {
	switch {
	case s == "" && near:
		return 0, i18n.NewError("missing_radius", nil)
	case s == "":
		return 0, nil
	case !near:
		return 0, i18n.NewError("radius_without_near", nil)
	}
	r, err := strconv.ParseFloat(s, 64)
	if err != nil || !(r > 0 && r <= MaxRadiusMeters) {
		return 0, i18n.NewError("invalid_radius", map[string]any{"value": s, "max": MaxRadiusMeters})
	}
	return r, nil
}

func parseLimit(s string) (int, error) {
	if s == "" {
		return DefaultLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > MaxLimit {
		return DefaultLimit, i18n.NewError("invalid_limit", map[string]any{"value": s, "max": MaxLimit})
	}
	return n, nil
}

func checkText(s string) error {
	if len(s) > maxTextParam || strings.ContainsAny(s, "\x00\n\r") {
		return i18n.NewError("invalid_value", map[string]any{"max": maxTextParam})
	}
	return nil
}

// numbers parses s as want comma-separated finite numbers.
func numbers(s string, want int) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != want {
		return nil, fmt.Errorf("got %d numbers in %q, want %d", len(parts), s, want)
	}
	out := make([]float64, want)
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("%q is not a number", p)
		}
		out[i] = f
	}
	return out, nil
}

func checkLonLat(lon, lat float64) error {
	if lon < -180 || lon > 180 || lat < -90 || lat > 90 {
		return fmt.Errorf("%g,%g is not a longitude,latitude pair (longitude first, -180 to 180; latitude -90 to 90)", lon, lat)
	}
	return nil
}
