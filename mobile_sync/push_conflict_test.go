package mobilesync_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// Conflicts: the field policies of DESIGN.md decide, and every losing client value lands in
// syncConflicts (checked after each test by nothingLost).

// conflictCase is a record alice's device created (at rev base), that the server changes next.
type conflictCase struct {
	env   *pushEnv
	alice *synctest.User
	id    string
	base  int64
	next  int64 // alice's next mseq
}

// newConflictCase creates an initiative from alice's device with the given fields.
func newConflictCase(t *testing.T, cfg ms.Config, kv ...any) *conflictCase {
	t.Helper()
	env := newPushEnv(t, cfg)
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	id := synctest.NewID()
	resp := env.push(t, alice, withFields(createInitiative(1, id, "Jardin", alice.ID()), kv...))
	if resp.Results[0].Status != ms.StatusApplied {
		t.Fatalf("create: %+v", resp.Results[0])
	}
	return &conflictCase{env: env, alice: alice, id: id, base: resp.Results[0].Rev, next: 2}
}

// serverEdit changes the record on the server (another device, a moderator, the dashboard).
func (c *conflictCase) serverEdit(t *testing.T, kv ...any) {
	t.Helper()
	rec := c.record(t)
	for i := 0; i+1 < len(kv); i += 2 {
		rec.Set(kv[i].(string), kv[i+1])
	}
	if err := c.env.App.Save(rec); err != nil {
		t.Fatalf("server edit: %v", err)
	}
}

// pushUpdate pushes alice's offline change of the record made from its base revision.
func (c *conflictCase) pushUpdate(t *testing.T, op string, base, changed map[string]json.RawMessage) ms.Result {
	t.Helper()
	m := ms.Mutation{Mseq: c.next, C: s.Initiatives, ID: c.id, Op: op, BaseRev: c.base, Base: base, Fields: changed}
	c.next++
	return c.env.push(t, c.alice, m).Results[0]
}

func (c *conflictCase) record(t *testing.T) *core.Record {
	t.Helper()
	rec, err := c.env.App.FindRecordById(s.Initiatives, c.id)
	if err != nil {
		t.Fatalf("find %s: %v", c.id, err)
	}
	return rec
}

// conflictRow returns the syncConflicts row a result points at, checking kind and author.
func (c *conflictCase) conflictRow(t *testing.T, res ms.Result, kind string) *core.Record {
	t.Helper()
	if res.Status != ms.StatusConflict || len(res.Conflicts) != 1 || res.Conflicts[0].Kind != kind {
		t.Fatalf("got %s with conflicts %+v, want one %s conflict", res.Status, res.Conflicts, kind)
	}
	row, err := c.env.App.FindRecordById(s.SyncConflicts, res.Conflicts[0].ID)
	if err != nil {
		t.Fatalf("conflict row %s: %v", res.Conflicts[0].ID, err)
	}
	if row.GetString(s.FieldAuthor) != c.alice.ID() || row.GetString(s.FieldStatus) != s.ConflictOpen {
		t.Errorf("conflict row: author %s status %s, want %s open", row.GetString(s.FieldAuthor), row.GetString(s.FieldStatus), c.alice.ID())
	}
	return row
}

func TestConflictServerWinsByDefault(t *testing.T) {
	c := newConflictCase(t, ms.Config{})
	c.serverEdit(t, "name", "Jardin des Joncherolles")
	res := c.pushUpdate(t, ms.OpUpdate, fields("name", "Jardin", "address", ""),
		fields("name", "Jardin partagé", "address", "Rue de la Montjoie"))
	row := c.conflictRow(t, res, s.ConflictField)
	rec := c.record(t)
	if rec.GetString("name") != "Jardin des Joncherolles" || rec.GetString("address") != "Rue de la Montjoie" {
		t.Errorf("record name %q address %q: want the server's name and the client's address", rec.GetString("name"), rec.GetString("address"))
	}
	if row.GetString(s.FieldConflictField) != "name" || row.GetString(s.FieldConflictClient) != `"Jardin partagé"` ||
		row.GetString(s.FieldConflictServer) != `"Jardin des Joncherolles"` {
		t.Errorf("conflict row: field %s client %s server %s", row.GetString(s.FieldConflictField),
			row.GetString(s.FieldConflictClient), row.GetString(s.FieldConflictServer))
	}
}

func TestConflictClientWinsWhenConfigured(t *testing.T) {
	cfg := ms.Config{Policies: map[string]map[string]ms.Policy{s.Initiatives: {"name": ms.ClientWins}}}
	c := newConflictCase(t, cfg)
	c.serverEdit(t, "name", "Jardin des Joncherolles")
	res := c.pushUpdate(t, ms.OpUpdate, fields("name", "Jardin"), fields("name", "Jardin partagé"))
	if res.Status != ms.StatusApplied || len(res.Conflicts) != 0 || c.record(t).GetString("name") != "Jardin partagé" {
		t.Errorf("got %s %+v name %q, want applied without conflicts and the client's name", res.Status, res.Conflicts, c.record(t).GetString("name"))
	}
}

// Categories (a multi-valued relation) merge as sets: the server's add and the client's add
// and remove all hold.
func TestConflictSetMergeOfCategories(t *testing.T) {
	c := newConflictCase(t, ms.Config{})
	cats, err := c.env.App.FindRecordsByFilter(s.Categories, "", "id", 4, 0)
	if err != nil || len(cats) < 4 {
		t.Fatalf("want 4 seeded categories, got %d (%v)", len(cats), err)
	}
	c1, c2, c3, c4 := cats[0].Id, cats[1].Id, cats[2].Id, cats[3].Id
	c.serverEdit(t, "categories", []string{c1, c2})
	c.base = revOf(t, c.env, s.Initiatives, c.id)
	c.serverEdit(t, "categories", []string{c1, c2, c3})
	res := c.pushUpdate(t, ms.OpUpdate, fields("categories", []string{c1, c2}), fields("categories", []string{c2, c4}))
	got := c.record(t).GetStringSlice("categories")
	slices.Sort(got)
	want := []string{c2, c3, c4}
	slices.Sort(want)
	if res.Status != ms.StatusMerged || !slices.Equal(got, want) {
		t.Errorf("got %s %v, want merged %v", res.Status, got, want)
	}
}

// Long text merges three ways: different paragraphs both survive; the same paragraph keeps
// the server's text and the client's goes to syncConflicts.
func TestConflictTextMerge(t *testing.T) {
	base := "Jardin partagé.\n\nOuvert le samedi.\n\nContact : mairie."
	t.Run("different paragraphs", func(t *testing.T) {
		c := newConflictCase(t, ms.Config{}, "description", base)
		c.serverEdit(t, "description", strings.Replace(base, "Jardin partagé.", "Jardin partagé et verger.", 1))
		res := c.pushUpdate(t, ms.OpUpdate, fields("description", base),
			fields("description", strings.Replace(base, "mairie", "asso@example.org", 1)))
		want := "Jardin partagé et verger.\n\nOuvert le samedi.\n\nContact : asso@example.org."
		if got := c.record(t).GetString("description"); res.Status != ms.StatusMerged || got != want {
			t.Errorf("got %s %q, want merged %q", res.Status, got, want)
		}
	})
	t.Run("same paragraph", func(t *testing.T) {
		c := newConflictCase(t, ms.Config{}, "description", base)
		server := strings.Replace(base, "samedi", "dimanche", 1)
		c.serverEdit(t, "description", server)
		res := c.pushUpdate(t, ms.OpUpdate, fields("description", base), fields("description", strings.Replace(base, "samedi", "lundi", 1)))
		row := c.conflictRow(t, res, s.ConflictField)
		if got := c.record(t).GetString("description"); got != server || !strings.Contains(row.GetString(s.FieldConflictClient), "lundi") {
			t.Errorf("got %q and conflict %s, want the server's text and the client's in the conflict", got, row.GetString(s.FieldConflictClient))
		}
	})
}

// An update of a deleted record does not bring it back; its values wait in syncConflicts.
func TestUpdateOnDeletedRecord(t *testing.T) {
	for _, hard := range []bool{true, false} {
		name := map[bool]string{true: "hard delete", false: "soft delete"}[hard]
		t.Run(name, func(t *testing.T) {
			c := newConflictCase(t, ms.Config{})
			if hard {
				if err := c.env.App.Delete(c.record(t)); err != nil {
					t.Fatal(err)
				}
			} else {
				c.serverEdit(t, s.FieldDeleted, true)
			}
			res := c.pushUpdate(t, ms.OpUpdate, fields("name", "Jardin"), fields("name", "Jardin partagé"))
			row := c.conflictRow(t, res, s.ConflictUpdateOnDeleted)
			rec, err := c.env.App.FindRecordById(s.Initiatives, c.id)
			if (hard && err == nil) || (!hard && (err != nil || !rec.GetBool(s.FieldDeleted))) {
				t.Errorf("the deleted record came back")
			}
			if !strings.Contains(row.GetString(s.FieldConflictClient), "Jardin partagé") {
				t.Errorf("conflict row holds %s, want the client's values", row.GetString(s.FieldConflictClient))
			}
		})
	}
}

// A delete of a record changed since the client's base hides it (soft delete) and keeps a
// conflict row; a delete of an unchanged record deletes it.
func TestDeleteOfModifiedRecord(t *testing.T) {
	c := newConflictCase(t, ms.Config{})
	c.serverEdit(t, "name", "Jardin des Joncherolles")
	res := c.pushUpdate(t, ms.OpDelete, nil, nil)
	c.conflictRow(t, res, s.ConflictDeleteOnModified)
	if rec := c.record(t); !rec.GetBool(s.FieldDeleted) || rec.GetString("name") != "Jardin des Joncherolles" {
		t.Errorf("got deleted=%v name %q, want a soft-deleted record keeping the server's change", rec.GetBool(s.FieldDeleted), rec.GetString("name"))
	}

	d := newConflictCase(t, ms.Config{})
	if res := d.pushUpdate(t, ms.OpDelete, nil, nil); res.Status != ms.StatusApplied || len(res.Conflicts) != 0 {
		t.Errorf("delete of an unchanged record: got %s %+v, want applied", res.Status, res.Conflicts)
	}
	if _, err := d.env.App.FindRecordById(s.Initiatives, d.id); err == nil {
		t.Errorf("the unchanged record was not deleted")
	}
}

// A create of an id that exists is an update against an empty base: fields the server left
// empty take the client's value, the others keep the server's and conflict. Another user's
// record is refused and recorded.
func TestCreateCreateSameID(t *testing.T) {
	c := newConflictCase(t, ms.Config{})
	tablet := &synctest.User{Srv: c.env.Srv, Record: c.alice.Record, Token: c.alice.Token, ClientID: synctest.NewID()}
	again := withFields(createInitiative(1, c.id, "Jardin partagé", c.alice.ID()), "address", "Rue de la Montjoie")
	res := c.env.push(t, tablet, again).Results[0]
	c.conflictRow(t, res, s.ConflictField)
	if rec := c.record(t); rec.GetString("name") != "Jardin" || rec.GetString("address") != "Rue de la Montjoie" {
		t.Errorf("got name %q address %q, want the first name and the second address", rec.GetString("name"), rec.GetString("address"))
	}
	// bob is a resident: a facilitator may edit a published public record (its author stays).
	bob := c.env.NewUser(t, "bob@example.org", s.RoleResident)
	res = c.env.push(t, bob, createInitiative(1, c.id, "Squat", bob.ID())).Results[0]
	if (res.Status != ms.StatusRejected && res.Status != ms.StatusSuggested) || c.record(t).GetString(s.FieldAuthor) != c.alice.ID() ||
		c.record(t).GetString("name") != "Jardin" {
		t.Errorf("bob's create of alice's id: got %s, want rejected or suggested and alice's record untouched", res.Status)
	}
}

// Mutations refused by validation, by a rule or for naming unknown fields are answered
// rejected with the reason and field errors, recorded in syncConflicts, and the queue goes on.
func TestRejectedMutationsDoNotBlockTheQueue(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleResident)
	bob := env.NewUser(t, "bob@example.org", s.RoleFacilitator)
	bobsID := synctest.NewID()
	bobs := env.push(t, bob, createInitiative(1, bobsID, "Chez Bob", bob.ID())).Results[0]
	nameless := createInitiative(1, synctest.NewID(), "", alice.ID())
	notHers := ms.Mutation{Mseq: 2, C: s.Initiatives, ID: bobsID, Op: ms.OpUpdate, BaseRev: bobs.Rev,
		Base: fields("name", "Chez Bob"), Fields: fields("name", "Chez Alice")}
	unknown := withFields(createInitiative(3, synctest.NewID(), "Jardin", alice.ID()), "colour", "green")
	fine := createInitiative(4, synctest.NewID(), "Jardin", alice.ID())
	resp := env.push(t, alice, nameless, notHers, unknown, fine)
	wantField := []string{"name", "", "colour", ""}
	// alice may read bob's published record but not change it: her update is kept as a
	// suggested edit (Config.OnReadOnlyUpdate, set by the server), not rejected.
	if r := resp.Results[1]; r.Status != ms.StatusSuggested || r.Suggestion == "" {
		t.Errorf("mseq 2: got %s %+v, want suggested with the suggestion's id", r.Status, r)
	}
	for i, r := range resp.Results[:3] {
		if i == 1 {
			continue
		}
		if r.Status != ms.StatusRejected || r.Message == "" || len(r.Conflicts) != 1 || (wantField[i] != "" && r.FieldErrors[wantField[i]] == "") {
			t.Errorf("mseq %d: got %s %q %v %+v, want rejected with a message, a conflict and field errors for %q",
				r.Mseq, r.Status, r.Message, r.FieldErrors, r.Conflicts, wantField[i])
		}
	}
	if resp.Results[3].Status != ms.StatusApplied || resp.LastMutationSeq != 4 {
		t.Errorf("after the rejections: got %s, last %d; want applied, last 4", resp.Results[3].Status, resp.LastMutationSeq)
	}
	if rec, _ := env.App.FindRecordById(s.Initiatives, bobsID); rec.GetString("name") != "Chez Bob" {
		t.Errorf("bob's record renamed to %q by alice", rec.GetString("name"))
	}
}

// revOf returns the record's revision: the seq of its change log row.
func revOf(t *testing.T, env *pushEnv, collection, id string) int64 {
	t.Helper()
	var rev int64
	if err := env.App.DB().NewQuery("SELECT seq FROM _sync_changes WHERE coll = {:c} AND rid = {:r}").
		Bind(map[string]any{"c": collection, "r": id}).Row(&rev); err != nil {
		t.Fatalf("rev of %s/%s: %v", collection, id, err)
	}
	return rev
}

// A device's own earlier mutations are not changes since its base: a record created (or
// edited) then deleted offline is deleted, without a conflict; someone else's write between
// still makes the delete a soft delete with a conflict row.
func TestDeleteAfterOwnOfflineWrites(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	created, edited := synctest.NewID(), synctest.NewID()
	first := env.push(t, alice, createInitiative(1, edited, "Verger", alice.ID())).Results[0]
	// Queued offline, so each carries the baseRev the device had then; pushed one by one
	// because the harness leak-checks each answer against the database after the push.
	var results []ms.Result
	for _, m := range []ms.Mutation{
		createInitiative(2, created, "Jardin", alice.ID()),
		{Mseq: 3, C: s.Initiatives, ID: created, Op: ms.OpDelete, BaseRev: 0},
		{Mseq: 4, C: s.Initiatives, ID: edited, Op: ms.OpUpdate, BaseRev: first.Rev,
			Base: fields("name", "Verger"), Fields: fields("name", "Verger partagé")},
		{Mseq: 5, C: s.Initiatives, ID: edited, Op: ms.OpDelete, BaseRev: first.Rev},
	} {
		results = append(results, env.push(t, alice, m).Results...)
	}
	for _, r := range results {
		if r.Status != ms.StatusApplied || len(r.Conflicts) != 0 {
			t.Errorf("mseq %d: got %s %+v, want applied without conflicts", r.Mseq, r.Status, r.Conflicts)
		}
	}
	for _, id := range []string{created, edited} {
		if _, err := env.App.FindRecordById(s.Initiatives, id); err == nil {
			t.Errorf("%s was not deleted", id)
		}
	}

	c := newConflictCase(t, ms.Config{})
	c.serverEdit(t, "address", "Rue de la Montjoie") // another device, before alice's own edit
	c.pushUpdate(t, ms.OpUpdate, fields("name", "Jardin"), fields("name", "Jardin partagé"))
	c.conflictRow(t, c.pushUpdate(t, ms.OpDelete, nil, nil), s.ConflictDeleteOnModified)
}

// Without a base, a set cannot tell the client's removals from the server's additions: the
// union is written and the client's own set is kept in syncConflicts.
func TestSetMergeWithoutBaseKeepsTheClientSet(t *testing.T) {
	c := newConflictCase(t, ms.Config{})
	cats, err := c.env.App.FindRecordsByFilter(s.Categories, "", "id", 2, 0)
	if err != nil || len(cats) < 2 {
		t.Fatalf("want 2 seeded categories, got %d (%v)", len(cats), err)
	}
	c.serverEdit(t, "categories", []string{cats[0].Id})
	res := c.pushUpdate(t, ms.OpUpdate, nil, fields("categories", []string{cats[1].Id}))
	row := c.conflictRow(t, res, s.ConflictField)
	if got := c.record(t).GetStringSlice("categories"); len(got) != 2 || !strings.Contains(row.GetString(s.FieldConflictClient), cats[1].Id) {
		t.Errorf("got categories %v and conflict %s, want the union and the client's set kept", got, row.GetString(s.FieldConflictClient))
	}
}
