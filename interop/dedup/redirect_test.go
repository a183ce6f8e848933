package dedup_test

import (
	"net/http"
	"strings"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

func redirectPath(coll, id string) string { return "/api/maillage/redirect/" + coll + "/" + id }

// Links to a merged-away record lead to the kept one, for whoever may read it; nothing else
// answers.
func TestRedirect(t *testing.T) {
	g := newGarden(t)
	anon := g.srv.Anonymous()
	if status, _ := call(anon, http.MethodGet, redirectPath(s.Initiatives, g.b.Id), nil); status != 404 {
		t.Errorf("before the merge: status %d, want 404", status)
	}
	if status, body := g.merge(g.mod, g.pairID, map[string]any{"keep": g.a.Id}); status != 200 {
		t.Fatalf("merge: %d %v", status, body)
	}
	cases := []struct {
		name, path string
		status     int
		id         string
	}{
		{"merged-away record", redirectPath(s.Initiatives, g.b.Id), 200, g.a.Id},
		{"the kept record itself", redirectPath(s.Initiatives, g.a.Id), 404, ""},
		{"unknown id", redirectPath(s.Initiatives, "nosuchrecord000"), 404, ""},
		{"wrong collection", redirectPath(s.Events, g.b.Id), 404, ""},
		{"not a mergeable collection", redirectPath(s.Users, g.mod.ID()), 404, ""},
	}
	for _, c := range cases {
		status, body := call(anon, http.MethodGet, c.path, nil)
		if status != c.status || (c.id != "" && body["id"] != c.id) {
			t.Errorf("%s: status %d %v, want %d %q", c.name, status, body, c.status, c.id)
		}
	}
}

// The redirect reveals the kept record only to those who may read it: a pending kept record
// is the moderator's to see, not anonymous visitors'.
func TestRedirectHidesUnreadableRecords(t *testing.T) {
	g := newGarden(t)
	g.a.Set(s.FieldStatus, s.StatusPending)
	if err := g.srv.App.Save(g.a); err != nil {
		t.Fatal(err)
	}
	if status, body := g.merge(g.mod, g.pairID, map[string]any{"keep": g.a.Id}); status != 200 {
		t.Fatalf("merge: %d %v", status, body)
	}
	if status, _ := call(g.srv.Anonymous(), http.MethodGet, redirectPath(s.Initiatives, g.b.Id), nil); status != 404 {
		t.Errorf("anonymous, kept record pending: status %d, want 404", status)
	}
	if status, body := call(g.mod, http.MethodGet, redirectPath(s.Initiatives, g.b.Id), nil); status != 200 || body["id"] != g.a.Id {
		t.Errorf("moderator: status %d %v, want 200 and %s", status, body, g.a.Id)
	}
}

// mergeProblems lists what is wrong with the changes a device pulled after removed was merged
// into kept: it must get a remove of removed and a put of kept holding the merged value.
func mergeProblems(changes []ms.Change, kept, removed, wantDescription string) []string {
	var out []string
	if ids := synctest.IDs(changes, s.Initiatives, ms.OpRemove); len(ids) != 1 || ids[0] != removed {
		out = append(out, "removes "+strings.Join(ids, " ")+", want "+removed)
	}
	puts := synctest.IDs(changes, s.Initiatives, ms.OpPut)
	if len(puts) != 1 || puts[0] != kept {
		return append(out, "puts "+strings.Join(puts, " ")+", want "+kept)
	}
	for _, c := range changes {
		if c.ID == kept && !strings.Contains(string(c.R), wantDescription) {
			out = append(out, "the kept record arrives without the merged description: "+string(c.R))
		}
	}
	return out
}

// After a merge, a resident's device pulls a remove of the merged-away record and the kept
// record with its merged values. The negative control applies the same check to a "merge" that
// only redirects without deleting: the check must catch the missing remove.
func TestSyncAfterMerge(t *testing.T) {
	g := newGarden(t)
	alice := g.srv.NewUser(t, "alice@example.org", s.RoleResident)
	snap := alice.SnapshotAll(t, s.Initiatives, 0)
	if len(snap.Records) != 2 {
		t.Fatalf("snapshot holds %d initiatives, want 2", len(snap.Records))
	}
	if status, body := g.merge(g.mod, g.pairID, map[string]any{"keep": g.a.Id, "fields": map[string]string{"description": g.b.Id}}); status != 200 {
		t.Fatalf("merge: %d %v", status, body)
	}
	pulled := alice.PullAll(t, snap.Cursor, s.Initiatives)
	if p := mergeProblems(pulled.Changes, g.a.Id, g.b.Id, "avec un compost"); len(p) > 0 {
		t.Errorf("pull after the merge: %v", p)
	}

	// Negative control: a broken merge that redirects without soft-deleting.
	c := imported(t, g.srv.App, s.Initiatives, "carte-c", "1", map[string]any{"name": "Ressourcerie", s.FieldGeo: north(500)})
	d := imported(t, g.srv.App, s.Initiatives, "carte-d", "1", map[string]any{"name": "La Ressourcerie", s.FieldGeo: north(505)})
	from := alice.PullAll(t, pulled.Cursor, s.Initiatives).Cursor
	d.Set(s.FieldMergedInto, c.Id)
	if err := g.srv.App.Save(d); err != nil {
		t.Fatal(err)
	}
	c.Set("description", "fusionnée")
	if err := g.srv.App.Save(c); err != nil {
		t.Fatal(err)
	}
	broken := alice.PullAll(t, from, s.Initiatives)
	if p := mergeProblems(broken.Changes, c.Id, d.Id, "fusionnée"); len(p) == 0 {
		t.Error("negative control: a merge that does not delete the other record passed the check")
	}
}
