package hooks

import (
	"net/http"
	"slices"
	"testing"
)

func TestWriteOf(t *testing.T) {
	cases := []struct {
		method, url    string
		ok             bool
		collection, id string
	}{
		{http.MethodPost, "/api/collections/initiatives/records", true, "initiatives", ""},
		{http.MethodPost, "/api/collections/initiatives/records?expand=author", true, "initiatives", ""},
		{http.MethodPut, "/api/collections/events/records", true, "events", ""},
		{http.MethodPatch, "/api/collections/users/records/abc123", true, "users", "abc123"},
		{http.MethodDelete, "/api/collections/offers/records/abc123?fields=id", true, "offers", "abc123"},
		{http.MethodPost, "/api/collections/initiatives/records/abc123", false, "", ""},
		{http.MethodPatch, "/api/collections/initiatives/records", false, "", ""},
		{http.MethodPost, "/api/collections/users/auth-with-password", false, "", ""},
		{http.MethodPost, "/api/batch", false, "", ""},
		{http.MethodPost, "/api/sync/push", false, "", ""},
	}
	for _, c := range cases {
		w, ok := writeOf(c.method, c.url, nil)
		if ok != c.ok || w.collection != c.collection || w.id != c.id {
			t.Errorf("%s %s: got %v %q %q, want %v %q %q", c.method, c.url, ok, w.collection, w.id, c.ok, c.collection, c.id)
		}
	}
}

func TestRuleBodyFields(t *testing.T) {
	cases := map[string][]string{
		`author = @request.auth.id`: nil,
		`@request.body.author:changed = false && (@request.body.status:changed = false || @request.auth.role = "moderator")`: {"author", "status"},
		`@request.body.role:isset = false || @request.body.role = "resident"`:                                                {"role"},
	}
	for rule, want := range cases {
		if got := ruleBodyFields(rule); !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", rule, got, want)
		}
	}
}
