package revisions_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// revision is a stored revision as the tests read it from the database.
type revision struct {
	ID      string                    `db:"id"`
	Op      string                    `db:"op"`
	Author  string                    `db:"author"`
	Source  string                    `db:"source"`
	Raw     string                    `db:"changes"`
	Changes map[string]map[string]any `db:"-"`
}

// world is a served Maillage with its people.
type world struct {
	srv                                               *synctest.Srv
	author, resident, trusted, facilitator, moderator *synctest.User
	admin                                             *synctest.User // a superuser: the dashboard
}

func newWorld(t *testing.T) *world {
	t.Helper()
	srv := synctest.Start(t, server.Config{})
	return &world{
		srv:         srv,
		author:      srv.NewUser(t, "author@example.org", s.RoleResident),
		resident:    srv.NewUser(t, "resident@example.org", s.RoleResident),
		trusted:     srv.NewUser(t, "trusted@example.org", s.RoleResident), // made trusted by makeTrusted
		facilitator: srv.NewUser(t, "facilitator@example.org", s.RoleFacilitator),
		moderator:   srv.NewUser(t, "moderator@example.org", s.RoleModerator),
		admin:       srv.Superuser(t, "admin@example.org"),
	}
}

// history reads every revision of collection/id in the order they were written.
func history(t testing.TB, app core.App, collection, id string) []revision {
	var revs []revision
	err := app.DB().NewQuery("SELECT id, op, author, source, changes FROM revisions WHERE collection = {:c} AND recordId = {:id} ORDER BY rowid").
		Bind(dbx.Params{"c": collection, "id": id}).All(&revs)
	if err != nil {
		panic(fmt.Sprintf("read history: %v", err))
	}
	for i := range revs {
		if err := json.Unmarshal([]byte(revs[i].Raw), &revs[i].Changes); err != nil {
			panic(fmt.Sprintf("decode changes %s: %v", revs[i].Raw, err))
		}
	}
	return revs
}

// state is collection/id's field values as JSON shows them, system fields left out (nil
// when the record does not exist).
func state(t testing.TB, app core.App, collection, id string) map[string]any {
	rec, err := app.FindRecordById(collection, id)
	if err != nil {
		return nil
	}
	out := map[string]any{}
	raw, _ := json.Marshal(rec.FieldsData())
	_ = json.Unmarshal(raw, &out)
	for _, f := range []string{"id", s.FieldCreated, s.FieldUpdated} {
		delete(out, f)
	}
	return out
}

// diff is what changed between two states, as a revision writes it.
func diff(before, after map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	for k := range keys {
		if !reflect.DeepEqual(before[k], after[k]) {
			out[k] = map[string]any{"before": before[k], "after": after[k]}
		}
	}
	return out
}

// replay applies the revisions' changes in order from an empty record.
func replay(revs []revision) map[string]any {
	st := map[string]any{}
	for _, r := range revs {
		for f, c := range r.Changes {
			st[f] = c["after"]
		}
	}
	return st
}

// createInitiative creates a public initiative as u through REST and returns its id.
func createInitiative(t testing.TB, u *synctest.User, name string) string {
	t.Helper()
	var out struct {
		ID string `json:"id"`
	}
	u.MustCall(t, http.MethodPost, "/api/collections/initiatives/records",
		map[string]any{"name": name, "author": u.ID(), "visibility": s.VisibilityPublic}, &out)
	return out.ID
}

// setRaw writes field values of collection/id with raw SQL, outside PocketBase.
func setRaw(t testing.TB, app core.App, collection, id string, values map[string]any) {
	t.Helper()
	if _, err := app.DB().Update(collection, dbx.Params(values), dbx.HashExp{"id": id}).Execute(); err != nil {
		t.Fatalf("raw update: %v", err)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
