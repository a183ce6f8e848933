package hooks

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Filtering or sorting on a field an enrich hook hides would reveal it, so clients may not:
//   - a blurred location (halve a box around an offer until it is a metre wide): on a blurred
//     collection no filter or sort may name geo, and on any collection none may reach a geo
//     through a relation or @collection (author.geo.lon, @collection.offers.geo); the map uses
//     GET /api/geo/{collection}, which checks boxes against the blurred points;
//   - the person an offer is reserved for, shown only to its author and that person: no
//     filter or sort may name reservedFor, directly or through a relation;
//   - people's e-mail addresses: PocketBase keeps a hidden address out of filters but not out
//     of sorts (sort=email ordered every profile by its address, for anyone: found by the leak
//     matrix, leaktest/), so no filter or sort may name email.
//
// Superusers are not limited.
func bindGeoFilterGuard(app core.App) {
	app.OnRecordsListRequest().BindFunc(func(e *core.RecordsListRequestEvent) error {
		if key := revealsHidden(e.Collection.Name, e.Request.URL.Query()); key != "" && !e.HasSuperuserAuth() {
			return apis.NewBadRequestError(i18n.T(i18n.Lang(e.RequestEvent), key, nil), nil)
		}
		return e.Next()
	})
	app.OnRealtimeSubscribeRequest().BindFunc(func(e *core.RealtimeSubscribeRequestEvent) error {
		if e.HasSuperuserAuth() {
			return e.Next()
		}
		for _, sub := range e.Subscriptions {
			if key := subscriptionRevealsHidden(sub); key != "" {
				return apis.NewBadRequestError(i18n.T(i18n.Lang(e.RequestEvent), key, nil), nil)
			}
		}
		return e.Next()
	})
}

var (
	quoted     = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`)
	identifier = regexp.MustCompile(`[@\w.:]+`)
)

// revealsHidden returns the catalogue key of why a list request's filter or sort on
// collection could reveal a hidden field, or "": a field path with a geo segment, first on a
// blurred collection or anywhere after a relation or @collection (author.geo.lon), or with a
// reservedFor segment anywhere. Quoted text is not a path.
func revealsHidden(collection string, query url.Values) string {
	for _, expr := range []string{query.Get("filter"), query.Get("sort")} {
		for _, path := range identifier.FindAllString(quoted.ReplaceAllString(expr, ""), -1) {
			if key := pathReveals(collection, strings.Split(path, ".")); key != "" {
				return key
			}
		}
	}
	return ""
}

func pathReveals(collection string, segments []string) string {
	for i, segment := range segments {
		switch name, _, _ := strings.Cut(segment, ":"); {
		case name == s.FieldGeo && (i > 0 || s.IsBlurred(collection)):
			return "filter_reveals_location"
		case name == s.FieldReservedFor:
			return "filter_reveals_reserved_for"
		case name == core.FieldNameEmail:
			return "filter_reveals_email"
		}
	}
	return ""
}

// subscriptionRevealsHidden checks a realtime subscription ("offers/*?options={…}") the
// same way: the filter and sort of its options apply to each change broadcast.
func subscriptionRevealsHidden(sub string) string {
	topic, rawQuery, _ := strings.Cut(sub, "?")
	collection, _, _ := strings.Cut(topic, "/")
	query, err := url.ParseQuery(rawQuery)
	if err != nil {
		return "filter_unreadable"
	}
	var options struct {
		Query map[string]string `json:"query"`
	}
	if raw := query.Get("options"); raw != "" && json.Unmarshal([]byte(raw), &options) != nil {
		return "filter_unreadable"
	}
	values := url.Values{}
	for k, v := range options.Query {
		values.Set(k, v)
	}
	return revealsHidden(collection, values)
}
