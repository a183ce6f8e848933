package hooks

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Filtering or sorting on a blurred location would reveal the true point the blur hides
// (halve a box around an offer until it is a metre wide), so clients may not: on a blurred
// collection no filter or sort may name geo, and on any collection no filter or sort may reach
// a geo through a relation or @collection (author.geo.lon, @collection.offers.geo). The map
// uses GET /api/geo/{collection}, which checks boxes against the blurred points. Superusers
// are not limited.
func bindGeoFilterGuard(app core.App) {
	app.OnRecordsListRequest().BindFunc(func(e *core.RecordsListRequestEvent) error {
		if !e.HasSuperuserAuth() && revealsLocation(e.Collection.Name, e.Request.URL.Query()) {
			return apis.NewBadRequestError(geoFilterMessage, nil)
		}
		return e.Next()
	})
	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		for _, sub := range e.Subscriptions {
			if subscriptionRevealsLocation(sub) {
				return apis.NewBadRequestError(geoFilterMessage, nil)
			}
		}
		return e.Next()
	})
}

const geoFilterMessage = "Filtering or sorting on a location through a relation, or on the blurred location of offers " +
	"and profiles, is not allowed: it would reveal the exact point. Use GET /api/geo/{collection}?bbox=… or near=… instead."

var (
	quoted     = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`)
	identifier = regexp.MustCompile(`[@\w.:]+`)
)

// revealsLocation reports whether a list request's filter or sort on collection could reveal
// a blurred location: a field path with a geo segment, first on a blurred collection or
// anywhere after a relation or @collection (author.geo.lon). Quoted text is not a path.
func revealsLocation(collection string, query url.Values) bool {
	for _, expr := range []string{query.Get("filter"), query.Get("sort")} {
		for _, path := range identifier.FindAllString(quoted.ReplaceAllString(expr, ""), -1) {
			for i, segment := range strings.Split(path, ".") {
				name, _, _ := strings.Cut(segment, ":")
				if name == s.FieldGeo && (i > 0 || s.IsBlurred(collection)) {
					return true
				}
			}
		}
	}
	return false
}

// subscriptionRevealsLocation checks a realtime subscription ("offers/*?options={…}") the
// same way: the filter and sort of its options apply to each change broadcast.
func subscriptionRevealsLocation(sub string) bool {
	topic, rawQuery, _ := strings.Cut(sub, "?")
	collection, _, _ := strings.Cut(topic, "/")
	query, err := url.ParseQuery(rawQuery)
	if err != nil {
		return true
	}
	var options struct {
		Query map[string]string `json:"query"`
	}
	if raw := query.Get("options"); raw != "" && json.Unmarshal([]byte(raw), &options) != nil {
		return true
	}
	values := url.Values{}
	for k, v := range options.Query {
		values.Set(k, v)
	}
	return revealsLocation(collection, values)
}
