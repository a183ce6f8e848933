package client

import (
	"encoding/json"
	mrand "math/rand/v2"
	"regexp"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
)

func newTestClient() *Client {
	return New(Options{BaseURL: "http://unused", Token: "t", Rand: mrand.New(mrand.NewPCG(1, 2))})
}

func raw(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func field(t *testing.T, c *Client, coll, id, f string) string {
	t.Helper()
	v, ok := c.Get(coll, id)
	if !ok {
		t.Fatalf("%s/%s not in the local view", coll, id)
	}
	return string(v[f])
}

func TestIDsArePocketBaseIDs(t *testing.T) {
	c := newTestClient()
	re := regexp.MustCompile(`^[a-z0-9]{15}$`)
	seen := map[string]bool{}
	for range 1000 {
		id := c.newID()
		if !re.MatchString(id) || seen[id] {
			t.Fatalf("id %q: want 15 chars of [a-z0-9], unique", id)
		}
		seen[id] = true
	}
	if !re.MatchString(New(Options{}).ID()) {
		t.Fatalf("crypto id %q is not a PocketBase id", New(Options{}).ID())
	}
}

func TestLocalViewRebasesPendingFieldsOverPulledRows(t *testing.T) {
	c := newTestClient()
	if err := c.apply([]ms.Change{{C: "initiatives", Op: ms.OpPut, ID: "a", Rev: 5, R: raw(t, map[string]any{"id": "a", "name": "Jardin", "address": "1 rue"})}}); err != nil {
		t.Fatal(err)
	}
	if err := c.Update("initiatives", "a", map[string]any{"name": "Jardin partagé"}); err != nil {
		t.Fatal(err)
	}
	// A pull brings another device's edit of another field: both show.
	if err := c.apply([]ms.Change{{C: "initiatives", Op: ms.OpPut, ID: "a", Rev: 9, R: raw(t, map[string]any{"id": "a", "name": "Jardin", "address": "2 rue"})}}); err != nil {
		t.Fatal(err)
	}
	if got, want := field(t, c, "initiatives", "a", "name"), `"Jardin partagé"`; got != want {
		t.Errorf("name: got %s, want %s", got, want)
	}
	if got, want := field(t, c, "initiatives", "a", "address"), `"2 rue"`; got != want {
		t.Errorf("address: got %s, want %s", got, want)
	}
	// An older row arriving late never replaces a newer one.
	if err := c.apply([]ms.Change{{C: "initiatives", Op: ms.OpPut, ID: "a", Rev: 7, R: raw(t, map[string]any{"id": "a", "address": "old"})}}); err != nil {
		t.Fatal(err)
	}
	if row, _ := c.ServerRow("initiatives", "a"); row.Rev != 9 {
		t.Errorf("server rev: got %d, want 9", row.Rev)
	}
	// A remove hides the record even with a pending update (no resurrection).
	c.apply([]ms.Change{{C: "initiatives", Op: ms.OpRemove, ID: "a", Rev: 10}})
	if _, ok := c.Get("initiatives", "a"); ok {
		t.Errorf("removed record still in the local view")
	}
}

func TestUpdateBaseIsWhatTheServerWillHold(t *testing.T) {
	c := newTestClient()
	c.apply([]ms.Change{{C: "events", Op: ms.OpPut, ID: "e", Rev: 3, R: raw(t, map[string]any{"id": "e", "title": "A"})}})
	if err := c.Update("events", "e", map[string]any{"title": "B", "price": "2€"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Update("events", "e", map[string]any{"title": "C"}); err != nil {
		t.Fatal(err)
	}
	out := c.Outbox()
	if len(out) != 2 || out[0].Mseq != 1 || out[1].Mseq != 2 {
		t.Fatalf("outbox: got %+v, want mseq 1 and 2", out)
	}
	checks := []struct{ got, want string }{
		{string(out[0].Base["title"]), `"A"`}, {string(out[0].Base["price"]), `null`},
		{string(out[1].Base["title"]), `"B"`}, {string(out[1].Fields["title"]), `"C"`},
	}
	for i, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("check %d: got %s, want %s", i, ch.got, ch.want)
		}
	}
	if out[0].BaseRev != 3 {
		t.Errorf("baseRev: got %d, want 3", out[0].BaseRev)
	}
	if err := c.Update("events", "missing", map[string]any{"title": "x"}); err == nil {
		t.Errorf("update of a record not in the view: got nil error")
	}
}

func TestCreateThenDeleteLocally(t *testing.T) {
	c := newTestClient()
	id, err := c.Create("offers", map[string]any{"title": "Vélo"})
	if err != nil {
		t.Fatal(err)
	}
	if got := field(t, c, "offers", id, "title"); got != `"Vélo"` {
		t.Errorf("title: got %s", got)
	}
	if ids := c.IDs("offers"); len(ids) != 1 || ids[0] != id {
		t.Errorf("ids: got %v, want [%s]", ids, id)
	}
	if err := c.Delete("offers", id); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get("offers", id); ok {
		t.Errorf("deleted record still visible")
	}
	if n := len(c.Outbox()); n != 2 {
		t.Errorf("outbox: got %d mutations, want 2", n)
	}
}

func TestAcknowledgeMovesPrefixToJournal(t *testing.T) {
	c := newTestClient()
	for range 3 {
		c.Create("offers", map[string]any{"title": "x"})
	}
	out := c.Outbox()
	err := c.acknowledge(2, []ms.Result{
		{Mseq: 1, Status: ms.StatusApplied, Rev: 11, R: raw(t, map[string]any{"id": out[0].ID, "title": "x", "status": "pending"})},
		{Mseq: 2, Status: ms.StatusRejected},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Outbox(); len(got) != 1 || got[0].Mseq != 3 {
		t.Fatalf("outbox after ack: got %+v, want only mseq 3", got)
	}
	j := c.Journal()
	if len(j) != 2 || j[0].Result.Status != ms.StatusApplied || j[1].Result.Status != ms.StatusRejected {
		t.Fatalf("journal: got %+v", j)
	}
	if row, ok := c.ServerRow("offers", out[0].ID); !ok || row.Rev != 11 {
		t.Errorf("result row not stored: %+v %v", row, ok)
	}
}

func TestRequeueLostResendsJournalWithoutGap(t *testing.T) {
	c := newTestClient()
	for range 5 {
		c.Create("offers", map[string]any{"title": "x"})
	}
	c.acknowledge(4, nil)
	if n := c.requeueLost(4); n != 0 {
		t.Fatalf("nothing lost: requeued %d", n)
	}
	// The server was restored to a state that knew mseq 1 and 2 only.
	if n := c.requeueLost(2); n != 2 {
		t.Fatalf("requeued: got %d, want 2", n)
	}
	out := c.Outbox()
	for i, m := range out {
		if m.Mseq != int64(3+i) {
			t.Fatalf("outbox mseq %d at %d, want %d", m.Mseq, i, 3+i)
		}
	}
	if len(out) != 3 || len(c.Journal()) != 2 {
		t.Fatalf("got outbox %d, journal %d; want 3 and 2", len(out), len(c.Journal()))
	}
	id, _ := c.Create("offers", map[string]any{"title": "y"})
	if last := c.Outbox()[3]; last.ID != id || last.Mseq != 6 {
		t.Errorf("next mutation: got mseq %d, want 6", last.Mseq)
	}
}

func TestJournalIsBounded(t *testing.T) {
	c := New(Options{JournalLimit: 3})
	for range 5 {
		c.Create("offers", map[string]any{"title": "x"})
	}
	c.acknowledge(5, nil)
	j := c.Journal()
	if len(j) != 3 || j[0].Mseq != 3 {
		t.Fatalf("journal: got %d entries from mseq %d, want 3 from 3", len(j), j[0].Mseq)
	}
}
