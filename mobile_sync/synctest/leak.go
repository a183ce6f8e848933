package synctest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// Records are records a sync answer handed to a user: collection → id → JSON as sent.
type Records map[string]map[string]json.RawMessage

// Add records one row.
func (r Records) Add(collection, id string, raw json.RawMessage) {
	if r[collection] == nil {
		r[collection] = map[string]json.RawMessage{}
	}
	r[collection][id] = raw
}

// MustBeReadable fails the test when CheckReadable finds a leak in what was named.
func (u *User) MustBeReadable(t testing.TB, what string, recs Records) {
	t.Helper()
	if err := u.CheckReadable(recs); err != nil {
		t.Fatalf("LEAK in %s to %s: %v", what, u, err)
	}
}

// checkChunk bounds the ids of one REST filter (PocketBase caps a filter at 3,500 characters).
const checkChunk = 100

// safeID is what an id must look like to be put in a filter literal.
var safeID = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// CheckReadable asks PocketBase's own list API, as this user, for every record in recs, and
// returns an error naming each record the user may not list and each field whose value
// differs from the REST copy (a hidden or altered field), or that the REST copy lacks.
func (u *User) CheckReadable(recs Records) error {
	var problems []string
	for coll, byID := range recs {
		ids := make([]string, 0, len(byID))
		for id := range byID {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for start := 0; start < len(ids); start += checkChunk {
			chunk := ids[start:min(start+checkChunk, len(ids))]
			rest, err := u.restList(coll, chunk)
			if err != nil {
				return err
			}
			for _, id := range chunk {
				problems = append(problems, compareRecord(coll, id, byID[id], rest[id])...)
			}
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%d problem(s):\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	return nil
}

// restList lists the records of coll among ids through the REST API as u; a 403 (a list rule
// only superusers pass) lists nothing.
func (u *User) restList(coll string, ids []string) (map[string]map[string]any, error) {
	terms := make([]string, len(ids))
	for i, id := range ids {
		if !safeID.MatchString(id) {
			return nil, fmt.Errorf("%s record id %q is not a valid id", coll, id)
		}
		terms[i] = "id='" + id + "'"
	}
	q := url.Values{"filter": {strings.Join(terms, "||")}, "perPage": {"1000"}, "skipTotal": {"1"}}
	status, body, err := u.Call(http.MethodGet, "/api/collections/"+url.PathEscape(coll)+"/records?"+q.Encode(), nil)
	if err != nil {
		return nil, fmt.Errorf("REST list of %s: %w", coll, err)
	}
	out := map[string]map[string]any{}
	if status == http.StatusForbidden {
		return out, nil
	}
	if status != http.StatusOK {
		return nil, fmt.Errorf("REST list of %s: status %d: %s", coll, status, body)
	}
	var page struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return nil, fmt.Errorf("REST list of %s: %w", coll, err)
	}
	for _, item := range page.Items {
		id, _ := item["id"].(string)
		out[id] = item
	}
	return out, nil
}

// compareRecord lists how the sync copy of a record differs from the REST copy (nil: the user
// may not list it).
func compareRecord(coll, id string, synced json.RawMessage, rest map[string]any) []string {
	if rest == nil {
		return []string{fmt.Sprintf("%s/%s is not readable by this user through the REST API", coll, id)}
	}
	var got map[string]any
	if err := json.Unmarshal(synced, &got); err != nil {
		return []string{fmt.Sprintf("%s/%s: sync copy is not a JSON object: %v", coll, id, err)}
	}
	var out []string
	for k, v := range got {
		rv, ok := rest[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s/%s: field %q is hidden from this user by the REST API", coll, id, k))
		case !reflect.DeepEqual(v, rv):
			out = append(out, fmt.Sprintf("%s/%s: field %q is %v in sync, %v through the REST API", coll, id, k, v, rv))
		}
	}
	sort.Strings(out)
	return out
}
