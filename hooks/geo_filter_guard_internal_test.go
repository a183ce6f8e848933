package hooks

import (
	"net/url"
	"testing"
)

const (
	revealsGeo      = "filter_reveals_location"
	revealsReserved = "filter_reveals_reserved_for"
)

func TestRevealsHidden(t *testing.T) {
	cases := []struct {
		collection, filter, sort string
		want                     string
	}{
		{"offers", "geo.lon > 2.35", "", revealsGeo},
		{"offers", "", "-geo.lat", revealsGeo},
		{"offers", "geoDistance(geo.lon, geo.lat, 2.35, 48.93) < 0.1", "", revealsGeo},
		{"offers", "geo:isset = true", "", revealsGeo},
		{"users", "(name != '' && geo.lat < 48.9)", "", revealsGeo},
		{"initiatives", "author.geo.lon > 2.35", "", revealsGeo},
		{"events", "@collection.offers.geo.lat > 48.9", "", revealsGeo},
		{"offers", `reservedFor = "u1"`, "", revealsReserved},
		{"offers", "", "reservedFor", revealsReserved},
		{"bookings", `offer.reservedFor = "u1"`, "", revealsReserved},
		{"conversations", `@collection.offers.reservedFor:length > 0`, "", revealsReserved},
		{"initiatives", "geo.lon > 2.35 && geo.lat < 48.94", "geo.lon", ""},
		{"offers", `title ~ "geo" && description ~ 'reservedFor'`, "", ""},
		{"offers", "geoOverride = true", "-created", ""},
		{"offers", "state = 'reserved'", "", ""},
		{"offers", "", "", ""},
	}
	for _, c := range cases {
		got := revealsHidden(c.collection, url.Values{"filter": {c.filter}, "sort": {c.sort}})
		if got != c.want {
			t.Errorf("%s filter %q sort %q: got %q, want %q", c.collection, c.filter, c.sort, got, c.want)
		}
	}
}

func TestSubscriptionRevealsHidden(t *testing.T) {
	cases := []struct {
		sub  string
		want string
	}{
		{`offers/*?options=` + url.QueryEscape(`{"query":{"filter":"geo.lon > 2.3595"}}`), revealsGeo},
		{`initiatives?options=` + url.QueryEscape(`{"query":{"filter":"author.geo.lat > 48.9"}}`), revealsGeo},
		{`offers?options=` + url.QueryEscape(`{"query":{"filter":"reservedFor = 'u1'"}}`), revealsReserved},
		{`initiatives?options=` + url.QueryEscape(`{"query":{"filter":"geo.lat > 48.9"}}`), ""},
		{`offers/abc`, ""},
		{`offers?options=not-json`, "filter_unreadable"},
	}
	for _, c := range cases {
		if got := subscriptionRevealsHidden(c.sub); got != c.want {
			t.Errorf("%s: got %q, want %q", c.sub, got, c.want)
		}
	}
}
