package mobilesync_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// Exactly once: every mutation a client numbers is applied once, whatever the network does.

// createInitiative is a mutation creating a public initiative of author.
func createInitiative(mseq int64, id, name, author string) ms.Mutation {
	return ms.Mutation{Mseq: mseq, C: s.Initiatives, ID: id, Op: ms.OpCreate,
		Fields: fields("name", name, s.FieldAuthor, author, s.FieldVisibility, s.VisibilityPublic)}
}

// createsOf returns how many times each record was created or updated (committed states).
func (env *pushEnv) savesOf(collection, id string) int {
	env.mu.Lock()
	defer env.mu.Unlock()
	return len(env.history[collection+"/"+id])
}

func TestPushReplayedBatchAppliesOnce(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	var muts []ms.Mutation
	for i := int64(1); i <= 3; i++ {
		muts = append(muts, createInitiative(i, synctest.NewID(), "Jardin", alice.ID()))
	}
	first := env.push(t, alice, muts...)
	again := env.push(t, alice, muts...)
	if first.LastMutationSeq != 3 || again.LastMutationSeq != 3 {
		t.Fatalf("lastMutationSeq: got %d then %d, want 3 and 3", first.LastMutationSeq, again.LastMutationSeq)
	}
	for i, r := range again.Results {
		if r.Status != ms.StatusDuplicate || r.OriginalStatus != ms.StatusApplied || r.Rev != first.Results[i].Rev {
			t.Errorf("replayed mseq %d: got %s/%s rev %d, want duplicate/applied rev %d", r.Mseq, r.Status, r.OriginalStatus, r.Rev, first.Results[i].Rev)
		}
		if n := env.savesOf(s.Initiatives, muts[i].ID); n != 1 {
			t.Errorf("record of mseq %d saved %d times, want 1", r.Mseq, n)
		}
	}
}

// A push whose answer is lost is pushed again with the next mutations: the first ones answer
// as duplicates with the result the client never saw, and an appended paragraph appears once.
func TestPushLostAcknowledgement(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	id := synctest.NewID()
	created := env.push(t, alice, withFields(createInitiative(1, id, "Jardin", alice.ID()), "description", "p1\n\np2"))
	appendP3 := ms.Mutation{Mseq: 2, C: s.Initiatives, ID: id, Op: ms.OpUpdate, BaseRev: created.Results[0].Rev,
		Base: fields("description", "p1\n\np2"), Fields: fields("description", "p1\n\np2\n\np3 client")}
	status, lost := env.pushRaw(t, alice, ms.PushRequest{ClientID: alice.ClientID, Mutations: []ms.Mutation{appendP3}})
	if status != http.StatusOK {
		t.Fatalf("first push: status %d: %s", status, lost)
	}
	var unseen ms.PushResponse
	_ = json.Unmarshal(lost, &unseen) // the client never reads it: the answer is "lost"
	rename := ms.Mutation{Mseq: 3, C: s.Initiatives, ID: id, Op: ms.OpUpdate, BaseRev: unseen.Results[0].Rev,
		Base: fields("name", "Jardin"), Fields: fields("name", "Jardin partagé")}
	resp := env.push(t, alice, appendP3, rename)
	dup, applied := resp.Results[0], resp.Results[1]
	if dup.Status != ms.StatusDuplicate || dup.OriginalStatus != unseen.Results[0].Status || dup.Rev != unseen.Results[0].Rev {
		t.Errorf("resent mseq 2: got %+v, want a duplicate of %+v", dup, unseen.Results[0])
	}
	if !strings.Contains(string(dup.R), "p3 client") {
		t.Errorf("resent mseq 2: r = %s, want the record as it is now", dup.R)
	}
	if applied.Status != ms.StatusApplied || resp.LastMutationSeq != 3 {
		t.Errorf("mseq 3: got %s, last %d; want applied, last 3", applied.Status, resp.LastMutationSeq)
	}
	rec, err := env.App.FindRecordById(s.Initiatives, id)
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.GetString("description"); strings.Count(got, "p3 client") != 1 {
		t.Errorf("description %q: want the appended paragraph exactly once", got)
	}
}

func withFields(m ms.Mutation, kv ...any) ms.Mutation {
	for k, v := range fields(kv...) {
		m.Fields[k] = v
	}
	return m
}

// A mutation repeated inside one request is applied once; the repeat answers as a duplicate.
func TestPushDuplicatedMutationInOneRequest(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	id := synctest.NewID()
	create := createInitiative(1, id, "Jardin", alice.ID())
	update := ms.Mutation{Mseq: 2, C: s.Initiatives, ID: id, Op: ms.OpUpdate, BaseRev: 0,
		Base: fields("description", ""), Fields: fields("description", "ouvert le samedi")}
	resp := env.push(t, alice, create, create, update, update)
	want := []string{ms.StatusApplied, ms.StatusDuplicate, ms.StatusApplied, ms.StatusDuplicate}
	for i, r := range resp.Results {
		if r.Status != want[i] {
			t.Errorf("result %d (mseq %d): got %s, want %s", i, r.Mseq, r.Status, want[i])
		}
	}
	if n := env.savesOf(s.Initiatives, id); n != 2 {
		t.Errorf("record saved %d times, want 2 (one create, one update)", n)
	}
}

// A gap between the server's counter and the pushed mseq, or inside a batch, is refused with a
// 400 saying where to resume, and writes nothing.
func TestPushRefusesGaps(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	env.push(t, alice, createInitiative(1, synctest.NewID(), "A", alice.ID()), createInitiative(2, synctest.NewID(), "B", alice.ID()))
	skipped := createInitiative(4, synctest.NewID(), "D", alice.ID())
	cases := []struct {
		name string
		muts []ms.Mutation
		want string
	}{
		{"after the server's counter", []ms.Mutation{skipped}, "la dernière modification de ce client connue du serveur est 2 ; renvoyez à partir du mseq 3"},
		{"inside the batch", []ms.Mutation{createInitiative(3, synctest.NewID(), "C", alice.ID()),
			createInitiative(5, synctest.NewID(), "E", alice.ID())}, "mseq doit augmenter de un, sans trou"},
		{"mseq zero", []ms.Mutation{createInitiative(0, synctest.NewID(), "Z", alice.ID())}, "mseq commence à 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := env.pushRaw(t, alice, ms.PushRequest{ClientID: alice.ClientID, Mutations: c.muts})
			if status != http.StatusBadRequest || !strings.Contains(string(body), c.want) {
				t.Errorf("got %d %s, want 400 saying %q", status, body, c.want)
			}
			for _, m := range c.muts {
				if _, err := env.App.FindRecordById(s.Initiatives, m.ID); err == nil {
					t.Errorf("mseq %d was written by a refused push", m.Mseq)
				}
			}
		})
	}
	resp := env.push(t, alice, createInitiative(3, synctest.NewID(), "C", alice.ID()))
	if resp.Results[0].Status != ms.StatusApplied || resp.LastMutationSeq != 3 {
		t.Errorf("resuming at mseq 3: got %+v, want applied with last 3", resp)
	}
}

// Two tabs of one device push the same outbox at once: each mutation is applied once, the
// other tab gets it as a duplicate.
func TestPushTwoTabsOfOneClient(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	var muts []ms.Mutation
	for i := int64(1); i <= 20; i++ {
		muts = append(muts, createInitiative(i, synctest.NewID(), "Jardin", alice.ID()))
	}
	tabs := [][]ms.Mutation{muts[:15], muts}
	answers := make([]ms.PushResponse, len(tabs))
	errs := make([]error, len(tabs))
	var wg sync.WaitGroup
	for i, batch := range tabs {
		wg.Go(func() { answers[i], errs[i] = pushAnswer(alice, batch) })
	}
	wg.Wait()
	applied := map[int64]int{}
	for i, a := range answers {
		if errs[i] != nil {
			t.Fatalf("tab %d: %v", i, errs[i])
		}
		env.keep(alice.ClientID, tabs[i], a.Results)
		for _, r := range a.Results {
			if r.Status == ms.StatusApplied {
				applied[r.Mseq]++
			}
		}
	}
	for _, m := range muts {
		if applied[m.Mseq] != 1 || env.savesOf(s.Initiatives, m.ID) != 1 {
			t.Errorf("mseq %d: applied in %d answers, saved %d times; want 1 and 1", m.Mseq, applied[m.Mseq], env.savesOf(s.Initiatives, m.ID))
		}
	}
}

// pushAnswer pushes muts for u from any goroutine (no testing.T) and decodes a 200 answer.
func pushAnswer(u *synctest.User, muts []ms.Mutation) (ms.PushResponse, error) {
	var resp ms.PushResponse
	status, body, err := u.Call(http.MethodPost, "/api/sync/push", ms.PushRequest{ClientID: u.ClientID, Mutations: muts})
	if err == nil && status != http.StatusOK {
		err = &statusError{status, string(body)}
	}
	if err == nil {
		err = json.Unmarshal(body, &resp)
	}
	return resp, err
}

type statusError struct {
	status int
	body   string
}

func (e *statusError) Error() string { return http.StatusText(e.status) + ": " + e.body }

// A client id already used by one user is refused to another with a 403, and nothing of the
// second user's push is written.
func TestPushRefusesAnotherUsersClientID(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	bob := env.NewUser(t, "bob@example.org", s.RoleFacilitator)
	env.push(t, alice, createInitiative(1, synctest.NewID(), "A", alice.ID()))
	stolen := createInitiative(2, synctest.NewID(), "B", bob.ID())
	status, body := env.pushRaw(t, bob, ms.PushRequest{ClientID: alice.ClientID, Mutations: []ms.Mutation{stolen}})
	if status != http.StatusForbidden || !strings.Contains(string(body), "appartient à un autre compte") {
		t.Errorf("got %d %s, want 403 saying the client id belongs to another account", status, body)
	}
	if _, err := env.App.FindRecordById(s.Initiatives, stolen.ID); err == nil {
		t.Errorf("bob's mutation was written under alice's client id")
	}
}
