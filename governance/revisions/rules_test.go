package revisions_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/governance/moderation"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The rule matrix of revisions: a record's history is read by who may read the record (a
// public published record: everyone; a pending one: its author and moderators; a private
// one: its author only), and nobody creates, changes or deletes a revision through the API.

// matrixRecords are the records of the matrix, by name.
type matrixRecords map[string]string

func setupMatrix(t *testing.T, w *world) matrixRecords {
	makeTrusted(t, w)
	recs := matrixRecords{
		"public":  createInitiative(t, w.author, "Jardin public"),
		"pending": createInitiative(t, w.author, "Jardin en attente"),
		"private": createInitiative(t, w.author, "Carnet privé"),
	}
	w.moderator.MustCall(t, http.MethodPatch, "/api/collections/initiatives/records/"+recs["public"],
		map[string]any{"status": s.StatusPublished}, nil)
	patch(t, w, recs["private"], map[string]any{"visibility": s.VisibilityPrivate})
	return recs
}

// makeTrusted makes w.trusted, a resident, a trusted member by their published contributions
// (moderation's default threshold), so that the matrix's "trusted" column is not a facilitator.
func makeTrusted(t *testing.T, w *world) {
	t.Helper()
	for i := range moderation.DefaultTrustedThreshold {
		id := createInitiative(t, w.trusted, fmt.Sprintf("Atelier %d", i))
		w.moderator.MustCall(t, http.MethodPatch, "/api/collections/initiatives/records/"+id, map[string]any{"status": s.StatusPublished}, nil)
	}
	if ok, err := moderation.IsTrusted(w.srv.App, w.trusted.ID()); err != nil || !ok {
		t.Fatalf("the trusted resident is not trusted (%v)", err)
	}
}

// readers is who reads each record's history.
var readers = map[string][]string{
	"public":  {"anonymous", "resident", "author", "trusted", "facilitator", "moderator"},
	"pending": {"author", "moderator"},
	"private": {"author"},
}

func (w *world) people() map[string]*synctest.User {
	return map[string]*synctest.User{"anonymous": w.srv.Anonymous(), "resident": w.resident, "author": w.author,
		"trusted": w.trusted, "facilitator": w.facilitator, "moderator": w.moderator}
}

// checkMatrix returns every difference between what each person may do with each record's
// revisions and what the API lets them do.
func checkMatrix(t *testing.T, w *world, recs matrixRecords) []string {
	var wrong []string
	for name, id := range recs {
		revs := history(t, w.srv.App, s.Initiatives, id)
		for who, u := range w.people() {
			want := contains(readers[name], who)
			if got := listed(t, u, id); got != want*len(revs) {
				wrong = append(wrong, fmt.Sprintf("%s lists %d revisions of the %s record, want %d", who, got, name, want*len(revs)))
			}
			if status, _, _ := u.Call(http.MethodGet, "/api/collections/revisions/records/"+revs[0].ID, nil); (status == 200) != (want == 1) {
				wrong = append(wrong, fmt.Sprintf("%s views a revision of the %s record: %d", who, name, status))
			}
			wrong = append(wrong, checkWrites(u, who, revs[0].ID, id)...)
		}
	}
	return wrong
}

// checkWrites checks that u can neither create, change nor delete a revision.
func checkWrites(u *synctest.User, who, revID, recordID string) []string {
	var wrong []string
	body := map[string]any{"collection": s.Initiatives, "recordId": recordID, "source": "forged", "changes": map[string]any{}}
	calls := map[string]func() (int, []byte, error){
		"create": func() (int, []byte, error) {
			return u.Call(http.MethodPost, "/api/collections/revisions/records", body)
		},
		"update": func() (int, []byte, error) {
			return u.Call(http.MethodPatch, "/api/collections/revisions/records/"+revID, map[string]any{"source": "forged"})
		},
		"delete": func() (int, []byte, error) {
			return u.Call(http.MethodDelete, "/api/collections/revisions/records/"+revID, nil)
		},
	}
	for action, call := range calls {
		if status, data, _ := call(); status/100 == 2 {
			wrong = append(wrong, fmt.Sprintf("%s may %s a revision: %d %s", who, action, status, data))
		}
	}
	return wrong
}

// listed is how many revisions of record id u lists.
func listed(t *testing.T, u *synctest.User, id string) int {
	status, data, err := u.Call(http.MethodGet, "/api/collections/revisions/records?perPage=200&filter="+
		url.QueryEscape(`recordId="`+id+`"`), nil)
	if err != nil || status != 200 {
		t.Fatalf("list as %s: %d %v %s", u, status, err, data)
	}
	var out struct {
		TotalItems int `json:"totalItems"`
	}
	_ = json.Unmarshal(data, &out)
	return out.TotalItems
}

func contains(list []string, v string) int {
	for _, x := range list {
		if x == v {
			return 1
		}
	}
	return 0
}

func TestRevisionRules(t *testing.T) {
	w := newWorld(t)
	recs := setupMatrix(t, w)
	if wrong := checkMatrix(t, w, recs); len(wrong) > 0 {
		t.Fatalf("the rules of revisions:\n%v", wrong)
	}
}

// Negative controls: a read rule loosened to everyone, and a create rule opened to the
// signed-in, are both caught by the matrix.
func TestRevisionRulesControls(t *testing.T) {
	for _, loosen := range []struct {
		name, want string
		apply      func(listRule, createRule *string) (*string, *string)
	}{
		{"read", "anonymous lists", func(_, c *string) (*string, *string) { return types.Pointer(""), c }},
		{"create", "may create", func(l, _ *string) (*string, *string) { return l, types.Pointer(`@request.auth.id != ""`) }},
	} {
		t.Run(loosen.name, func(t *testing.T) {
			w := newWorld(t)
			recs := setupMatrix(t, w)
			c, err := w.srv.App.FindCollectionByNameOrId(s.Revisions)
			must(t, err)
			c.ListRule, c.CreateRule = loosen.apply(c.ListRule, c.CreateRule)
			c.ViewRule = c.ListRule
			must(t, w.srv.App.Save(c))
			wrong := checkMatrix(t, w, recs)
			if !anyContains(wrong, loosen.want) {
				t.Fatalf("the loosened %s rule went unnoticed: %v", loosen.name, wrong)
			}
		})
	}
}

func anyContains(list []string, sub string) bool {
	for _, x := range list {
		if strings.Contains(x, sub) {
			return true
		}
	}
	return false
}
