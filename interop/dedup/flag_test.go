package dedup_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/testapp"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/interop/dedup"
	s "github.com/maillage/maillage/schema"
)

// The same garden from two sources, 20 m apart with its name spelled two ways, is one pair;
// another garden 300 m away with a similar name is none, and a pair is stored once.
func TestFlagFindsTheSamePlaceFromTwoSources(t *testing.T) {
	app := newApp(t)
	a := imported(t, app, s.Initiatives, "carte-a", "1", map[string]any{"name": "Jardin partagé des Poireaux", s.FieldGeo: north(0)})
	b := imported(t, app, s.Initiatives, "carte-b", "x9", map[string]any{"name": "Jardin partage les Poireaux", s.FieldGeo: north(20)})
	far := imported(t, app, s.Initiatives, "carte-b", "x10", map[string]any{"name": "Jardin partagé des Poivrons", s.FieldGeo: north(300)})

	if n := flag(t, app, b); n != 1 {
		t.Fatalf("flag the second source's garden: %d pairs stored, want 1", n)
	}
	if n := flag(t, app, far); n != 0 {
		t.Errorf("flag a garden 300 m away: %d pairs stored, want 0", n)
	}
	if n := flag(t, app, a) + flag(t, app, b); n != 0 {
		t.Errorf("flag again: %d pairs stored, want 0 (a pair is stored once)", n)
	}
	got := pairs(t, app)
	wantA, wantB := ordered(a.Id, b.Id)
	if len(got) != 1 || got[0].A != wantA || got[0].B != wantB || got[0].Collection != s.Initiatives || got[0].Status != s.DupOpen {
		t.Fatalf("pairs %+v, want one open initiatives pair (%s, %s)", got, wantA, wantB)
	}
	if d := got[0].Reasons.Distance; d == nil || *d < 19 || *d > 21 || got[0].Score < dedup.MinScore {
		t.Errorf("pair score %.3f reasons %+v, want about 20 m and a score of at least %.1f", got[0].Score, got[0].Reasons, dedup.MinScore)
	}
}

// Organisations often have no location: a same e-mail address (any case) and a close name
// still make them a pair, through the keys table.
func TestFlagFindsUnlocatedRecordsByContact(t *testing.T) {
	app := newApp(t)
	imported(t, app, s.Organisations, "annuaire", "7", map[string]any{"name": "Les Amis du Parc de la Courneuve",
		"contact": "Contact@AmisDuParc.org · 01 48 20 12 12"})
	twin := imported(t, app, s.Organisations, "agenda", "z", map[string]any{"name": "Amis du parc Georges-Valbon",
		"contact": "contact@amisduparc.org", s.FieldGeo: north(0)})
	other := imported(t, app, s.Organisations, "agenda", "y", map[string]any{"name": "Les Amis du Canal",
		"contact": "bonjour@amisducanal.fr"})
	if n := flag(t, app, twin); n != 1 {
		t.Errorf("same e-mail address, close names: %d pairs stored, want 1", n)
	}
	if n := flag(t, app, other); n != 0 {
		t.Errorf("another body, another address: %d pairs stored, want 0", n)
	}
	if got := pairs(t, app); len(got) != 1 || !got[0].Reasons.Email || got[0].Reasons.Phone || got[0].Reasons.Distance != nil {
		t.Errorf("pairs %+v, want one by e-mail, without a distance", got)
	}
}

// Deleted, private and rejected records are nobody's duplicates (moderators never see private
// records), nor is the same event title a week later.
func TestFlagSkipsWhatModeratorsCannotMerge(t *testing.T) {
	app := newApp(t)
	name := map[string]any{"name": "Recyclerie du Canal", s.FieldGeo: north(0)}
	for i, extra := range []map[string]any{{s.FieldDeleted: true}, {s.FieldVisibility: s.VisibilityPrivate}, {s.FieldStatus: s.StatusRejected}} {
		fields := map[string]any{"name": name["name"], s.FieldGeo: north(float64(i))}
		for k, v := range extra {
			fields[k] = v
		}
		imported(t, app, s.Initiatives, "carte-a", "skip"+string(rune('a'+i)), fields)
	}
	live := imported(t, app, s.Initiatives, "carte-b", "1", name)
	if n := flag(t, app, live); n != 0 {
		t.Errorf("flag beside a deleted, a private and a rejected twin: %d pairs stored, want 0", n)
	}
	start := time.Date(2026, 6, 6, 10, 0, 0, 0, time.UTC)
	event := func(at time.Time) map[string]any {
		return map[string]any{"title": "Atelier vélo", "start": at, s.FieldGeo: north(0)}
	}
	imported(t, app, s.Events, "agenda-a", "1", event(start))
	week := imported(t, app, s.Events, "agenda-b", "1", event(start.Add(7*24*time.Hour)))
	same := imported(t, app, s.Events, "agenda-b", "2", event(start.Add(time.Hour)))
	if n := flag(t, app, week); n != 0 {
		t.Errorf("the same workshop a week later: %d pairs stored, want 0", n)
	}
	if n := flag(t, app, same); n != 1 {
		t.Errorf("the same workshop an hour apart from two agendas: %d pairs stored, want 1", n)
	}
}

// A place a resident adds where an import already put it is flagged as it is created, whatever
// the write path; an imported record is left to its importer.
func TestPeoplesNewRecordsAreFlagged(t *testing.T) {
	app := newApp(t)
	imported(t, app, s.Initiatives, "carte-a", "1", map[string]any{"name": "AMAP des Lilas", s.FieldGeo: north(0)})
	imported(t, app, s.Initiatives, "carte-b", "2", map[string]any{"name": "AMAP les Lilas", s.FieldGeo: north(10)})
	if got := pairs(t, app); len(got) != 0 {
		t.Fatalf("imports flagged by the create hook: %+v; the importer flags its own records", got)
	}
	alice, _ := testapp.NewUser(t, app, "alice@example.org", s.RoleResident)
	mine := testapp.NewRecord(t, app, s.Initiatives, map[string]any{"name": "Amap des lilas", s.FieldAuthor: alice.Id,
		s.FieldGeo: north(15)})
	got := pairs(t, app)
	if len(got) != 2 {
		t.Fatalf("after a resident's create: %d pairs, want 2 (with both imported records): %+v", len(got), got)
	}
	for _, p := range got {
		if p.A != mine.Id && p.B != mine.Id {
			t.Errorf("pair %+v does not hold the resident's record %s", p, mine.Id)
		}
	}
}

// The keys table follows every save and delete: a changed phone number is found, a deleted
// record's keys are gone.
func TestKeysFollowTheRecords(t *testing.T) {
	app := newApp(t)
	a := imported(t, app, s.Organisations, "annuaire", "1", map[string]any{"name": "Régie de quartier", "contact": "01 48 20 00 01"})
	b := imported(t, app, s.Organisations, "agenda", "1", map[string]any{"name": "Régie de quartier Saint-Denis", "contact": "01 48 20 00 02"})
	if n := flag(t, app, b); n != 0 {
		t.Fatalf("different phones, no location: %d pairs, want 0", n)
	}
	b.Set("contact", "tél. 01.48.20.00.01")
	if err := app.Save(b); err != nil {
		t.Fatal(err)
	}
	if n := flag(t, app, b); n != 1 {
		t.Errorf("after b took a's phone number: %d pairs, want 1", n)
	}
	if k := keyCount(t, app, a.Id); k != 2 {
		t.Errorf("a has %d keys, want 2 (name, phone)", k)
	}
	if err := app.Delete(a); err != nil {
		t.Fatal(err)
	}
	if k := keyCount(t, app, a.Id); k != 0 {
		t.Errorf("a deleted still has %d keys", k)
	}
}

// EnsureKeys rebuilds a table left without its version mark (new, or from older keys).
func TestEnsureKeysRebuilds(t *testing.T) {
	app := newApp(t)
	a := imported(t, app, s.Initiatives, "carte-a", "1", map[string]any{"name": "Ressourcerie", "website": "https://r.org"})
	if _, err := app.DB().NewQuery("DELETE FROM _dedup_keys").Execute(); err != nil {
		t.Fatal(err)
	}
	if err := dedup.EnsureKeys(app); err != nil {
		t.Fatal(err)
	}
	if k := keyCount(t, app, a.Id); k != 2 {
		t.Errorf("after the rebuild a has %d keys, want 2 (name, website)", k)
	}
}

// A keys table of the first layout (a rowid table with two indexes, marked v1) is replaced by
// the current one, filled from the records.
func TestEnsureKeysReplacesTheFirstLayout(t *testing.T) {
	app := newApp(t)
	a := imported(t, app, s.Initiatives, "carte-a", "1", map[string]any{"name": "Ressourcerie", "website": "https://r.org",
		"contact": "01 48 20 00 01"})
	for _, q := range []string{"DROP TABLE _dedup_keys",
		"CREATE TABLE _dedup_keys (coll TEXT NOT NULL, key TEXT NOT NULL, rid TEXT NOT NULL)",
		"CREATE INDEX _dedup_keys_key ON _dedup_keys (coll, key)",
		"INSERT INTO _dedup_keys (coll, key, rid) VALUES ('', 'v1', '')"} {
		if _, err := app.DB().NewQuery(q).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	if err := dedup.EnsureKeys(app); err != nil {
		t.Fatal(err)
	}
	var ddl string
	if err := app.DB().NewQuery("SELECT sql FROM sqlite_master WHERE name = '_dedup_keys'").Row(&ddl); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ddl, "WITHOUT ROWID") {
		t.Errorf("the keys table is still %s", ddl)
	}
	if k := keyCount(t, app, a.Id); k != 3 {
		t.Errorf("after the rebuild a has %d keys, want 3 (name, website, phone)", k)
	}
}

// A phone number shared by more than MaxKeyShare records (a network's national line) makes no
// candidates by itself: flagging does not read them all, and does not pair them.
func TestCommonKeysMakeNoCandidates(t *testing.T) {
	app := newApp(t)
	var last *core.Record
	for i := range dedup.MaxKeyShare + 5 {
		last = imported(t, app, s.Organisations, "annuaire", fmt.Sprint(i), map[string]any{
			"name": fmt.Sprintf("Point info %d", i), "contact": "09 70 80 80 80"})
	}
	if n := flag(t, app, last); n != 0 {
		t.Errorf("%d records sharing one phone: %d pairs stored, want 0", dedup.MaxKeyShare+5, n)
	}
	imported(t, app, s.Organisations, "agenda", "1", map[string]any{"name": "Point info 3", "contact": "09 70 80 80 81"})
	twin := imported(t, app, s.Organisations, "agenda", "2", map[string]any{"name": "Point info Trois", "contact": "09 70 80 80 81"})
	if n := flag(t, app, twin); n != 1 {
		t.Errorf("two records sharing a phone: %d pairs stored, want 1 (negative control)", n)
	}
}
