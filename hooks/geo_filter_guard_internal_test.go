package hooks

import (
	"net/url"
	"testing"
)

func TestRevealsLocation(t *testing.T) {
	cases := []struct {
		collection, filter, sort string
		want                     bool
	}{
		{"offers", "geo.lon > 2.35", "", true},
		{"offers", "", "-geo.lat", true},
		{"offers", "geoDistance(geo.lon, geo.lat, 2.35, 48.93) < 0.1", "", true},
		{"offers", "geo:isset = true", "", true},
		{"users", "(name != '' && geo.lat < 48.9)", "", true},
		{"initiatives", "author.geo.lon > 2.35", "", true},
		{"events", "@collection.offers.geo.lat > 48.9", "", true},
		{"initiatives", "geo.lon > 2.35 && geo.lat < 48.94", "geo.lon", false},
		{"offers", `title ~ "geo" && description ~ 'geo.lon'`, "", false},
		{"offers", "geoOverride = true", "-created", false},
		{"offers", "", "", false},
	}
	for _, c := range cases {
		got := revealsLocation(c.collection, url.Values{"filter": {c.filter}, "sort": {c.sort}})
		if got != c.want {
			t.Errorf("%s filter %q sort %q: got %v, want %v", c.collection, c.filter, c.sort, got, c.want)
		}
	}
}

func TestSubscriptionRevealsLocation(t *testing.T) {
	cases := []struct {
		sub  string
		want bool
	}{
		{`offers/*?options=` + url.QueryEscape(`{"query":{"filter":"geo.lon > 2.3595"}}`), true},
		{`initiatives?options=` + url.QueryEscape(`{"query":{"filter":"author.geo.lat > 48.9"}}`), true},
		{`initiatives?options=` + url.QueryEscape(`{"query":{"filter":"geo.lat > 48.9"}}`), false},
		{`offers/abc`, false},
		{`offers?options=not-json`, true},
	}
	for _, c := range cases {
		if got := subscriptionRevealsLocation(c.sub); got != c.want {
			t.Errorf("%s: got %v, want %v", c.sub, got, c.want)
		}
	}
}
