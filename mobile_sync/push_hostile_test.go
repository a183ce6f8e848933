package mobilesync_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// Hostile or unlucky input: oversized batches, and a database whose write connection is held.

func TestPushRefusesOversizedBatches(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	var many []ms.Mutation
	for i := int64(1); i <= ms.MaxPushMutations+1; i++ {
		many = append(many, createInitiative(i, synctest.NewID(), "Jardin", alice.ID()))
	}
	huge := withFields(createInitiative(1, synctest.NewID(), "Jardin", alice.ID()), "description", strings.Repeat("a", ms.MaxPushBytes))
	cases := []struct {
		name   string
		muts   []ms.Mutation
		status int
		want   string
	}{
		{"too many mutations", many, http.StatusBadRequest, "L'envoi compte 501 modifications ; envoyez-en au plus 500 par requête."},
		{"too many bytes", []ms.Mutation{huge}, http.StatusRequestEntityTooLarge, "L'envoi dépasse 5 Mo : envoyez moins de modifications par requête."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := env.pushRaw(t, alice, ms.PushRequest{ClientID: alice.ClientID, Mutations: c.muts})
			if status != c.status || !strings.Contains(string(body), c.want) {
				t.Errorf("got %d %.300s, want %d saying %q", status, body, c.status, c.want)
			}
			if _, err := env.App.FindRecordById(s.Initiatives, c.muts[0].ID); err == nil {
				t.Errorf("a refused push wrote its first mutation")
			}
		})
	}
}

// While another writer holds SQLite's single write connection (a v0.39 backup holds it for the
// whole archive), a push waits at most PushWriteWait, then answers 503 with Retry-After and
// writes nothing; once the writer lets go, the same push applies once.
func TestPushAnswers503WhileTheWriterIsHeld(t *testing.T) {
	env := newPushEnv(t, ms.Config{PushWriteWait: 50 * time.Millisecond})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	release := holdWriter(t, env.App)
	create := createInitiative(1, synctest.NewID(), "Jardin", alice.ID())
	res, body := rawPush(t, alice, ms.PushRequest{ClientID: alice.ClientID, Mutations: []ms.Mutation{create}})
	release()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" ||
		!strings.Contains(string(body), "Le serveur est occupé") {
		t.Fatalf("got %d Retry-After %q %s, want 503 with Retry-After and a message", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	var partial ms.PushResponse
	if err := json.Unmarshal(body, &partial); err != nil || len(partial.Results) != 0 {
		t.Errorf("503 body %s: want an empty processed prefix (%v)", body, err)
	}
	resp := env.push(t, alice, create)
	if resp.Results[0].Status != ms.StatusApplied || env.savesOf(s.Initiatives, create.ID) != 1 {
		t.Errorf("after the writer let go: got %s, saved %d times; want applied once", resp.Results[0].Status, env.savesOf(s.Initiatives, create.ID))
	}
}

// holdWriter takes the app's write connection in a transaction until the returned function is
// called (which waits for the transaction to end).
func holdWriter(t *testing.T, app core.App) func() {
	t.Helper()
	held, release, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- app.RunInTransaction(func(tx core.App) error {
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	return func() {
		close(release)
		if err := <-done; err != nil {
			t.Errorf("held transaction: %v", err)
		}
	}
}

// rawPush posts req as u and returns the response (headers included) and its body.
func rawPush(t *testing.T, u *synctest.User, req ms.PushRequest) (*http.Response, []byte) {
	t.Helper()
	data, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	// A generous bound turns a push that hangs on the held writer into a failure, not a stuck run.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, u.Srv.URL+"/api/sync/push", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	hr.Header.Set("Content-Type", "application/json")
	hr.Header.Set("Authorization", u.Token)
	res, err := u.Srv.HTTP.Do(hr)
	if err != nil {
		t.Fatalf("push did not answer: %v", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, body
}

// Nonsense in a mutation's collection, id, op or field names is rejected (and recorded), not
// turned into a server error that would block the client's queue forever.
func TestPushRejectsNonsenseWithoutBlockingTheQueue(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	long := strings.Repeat("x", 10000)
	good := createInitiative(1, synctest.NewID(), "Jardin", alice.ID())
	muts := []ms.Mutation{
		{Mseq: 1, C: long, ID: good.ID, Op: ms.OpCreate, Fields: good.Fields},
		{Mseq: 2, C: s.Initiatives, ID: long, Op: ms.OpCreate, Fields: good.Fields},
		{Mseq: 3, C: s.Initiatives, ID: good.ID, Op: "obliterate-everything", Fields: good.Fields},
		withFields(createInitiative(4, good.ID, "Jardin", alice.ID()), long, "value"),
		createInitiative(5, good.ID, "Jardin", alice.ID()),
	}
	resp := env.push(t, alice, muts...)
	for i, r := range resp.Results {
		want := ms.StatusRejected
		if i == 4 {
			want = ms.StatusApplied
		}
		if r.Status != want || len(r.Message) > 1000 {
			t.Errorf("mseq %d: got %s with a %d-byte message, want %s with a short message", r.Mseq, r.Status, len(r.Message), want)
		}
	}
}

// When the writer is taken between two chunks of one push, the 503 carries the results of the
// chunk that committed; pushing everything again applies the rest once and answers the first
// chunk as duplicates.
func TestPush503KeepsTheProcessedPrefix(t *testing.T) {
	env := newPushEnv(t, ms.Config{PushWriteWait: 50 * time.Millisecond})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	var muts []ms.Mutation
	for i := int64(1); i <= 150; i++ {
		muts = append(muts, createInitiative(i, synctest.NewID(), "Jardin", alice.ID()))
	}
	var release func()
	// After-success hooks run once the first chunk (100 mutations) committed, before the
	// push starts the second: take the writer there.
	env.App.OnRecordAfterCreateSuccess(s.Initiatives).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.Id == muts[99].ID {
			release = holdWriter(t, env.App)
		}
		return e.Next()
	})
	res, body := rawPush(t, alice, ms.PushRequest{ClientID: alice.ClientID, Mutations: muts})
	release()
	var partial ms.PushResponse
	if err := json.Unmarshal(body, &partial); err != nil {
		t.Fatal(err)
	}
	env.keep(alice.ClientID, muts, partial.Results)
	if res.StatusCode != http.StatusServiceUnavailable || len(partial.Results) != 100 || partial.LastMutationSeq != 100 {
		t.Fatalf("got %d with %d results, last %d; want 503 with the first 100", res.StatusCode, len(partial.Results), partial.LastMutationSeq)
	}
	again := env.push(t, alice, muts...)
	for i, r := range again.Results {
		want := ms.StatusApplied
		if i < 100 {
			want = ms.StatusDuplicate
		}
		if r.Status != want || env.savesOf(s.Initiatives, muts[i].ID) != 1 {
			t.Errorf("mseq %d: got %s, saved %d times; want %s, saved once", r.Mseq, r.Status, env.savesOf(s.Initiatives, muts[i].ID), want)
		}
	}
}

// A failure after a mutation's record was saved (here: serialising the result) is a server
// fault, not a data problem: the chunk rolls back with a 500 and the client retries, instead
// of a "rejected" result whose rolled-back record PocketBase would still announce as created
// (its after-success hooks, realtime included, do not know about the savepoint).
func TestPushFailureAfterSaveAbortsTheChunk(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	create := createInitiative(1, synctest.NewID(), "Jardin", alice.ID())
	var broken atomic.Bool
	broken.Store(true)
	env.App.OnRecordEnrich(s.Initiatives).BindFunc(func(e *core.RecordEnrichEvent) error {
		if broken.Load() && e.Record.Id == create.ID {
			return errors.New("enrich broke")
		}
		return e.Next()
	})
	status, body := env.pushRaw(t, alice, ms.PushRequest{ClientID: alice.ClientID, Mutations: []ms.Mutation{create}})
	if status != http.StatusInternalServerError {
		t.Errorf("got %d %s, want 500", status, body)
	}
	if n := env.savesOf(s.Initiatives, create.ID); n != 0 {
		t.Errorf("the rolled-back record was announced as saved %d times", n)
	}
	broken.Store(false)
	if r := env.push(t, alice, create).Results[0]; r.Status != ms.StatusApplied || env.savesOf(s.Initiatives, create.ID) != 1 {
		t.Errorf("once fixed: got %s, saved %d times; want applied once", r.Status, env.savesOf(s.Initiatives, create.ID))
	}
}
