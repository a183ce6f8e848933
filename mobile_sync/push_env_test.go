package mobilesync_test

import (
	"encoding/json"
	"net/http"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
)

// pushEnv is a real app over real HTTP (synctest) that remembers every committed state of
// every record and every acknowledged push result, and checks when the test ends that nothing
// a client pushed was lost (nothingLost).
type pushEnv struct {
	*synctest.Srv
	mu      sync.Mutex
	history map[string][]map[string]any // "collection/id" → committed states, canonical JSON
	acks    []ack
}

// ack is a mutation the server answered.
type ack struct {
	client string
	m      ms.Mutation
	res    ms.Result
}

// newPushEnv starts the app with the sync configuration cfg (zero: the default one) and
// registers the invariant check for the end of the test.
func newPushEnv(t *testing.T, cfg ms.Config) *pushEnv {
	t.Helper()
	if cfg.Collections == nil {
		cfg.Collections = ms.DefaultConfig().Collections
	}
	env := &pushEnv{Srv: synctest.Start(t, server.Config{Sync: cfg}), history: map[string][]map[string]any{}}
	remember := func(e *core.RecordEvent) error {
		env.remember(e.Record)
		return e.Next()
	}
	env.App.OnRecordAfterCreateSuccess().BindFunc(remember)
	env.App.OnRecordAfterUpdateSuccess().BindFunc(remember)
	t.Cleanup(func() {
		for _, problem := range nothingLost(env) {
			t.Errorf("NOTHING-LOST invariant broken: %s", problem)
		}
	})
	return env
}

// remember keeps a committed state of rec (the hooks run after the transaction commits).
func (env *pushEnv) remember(rec *core.Record) {
	state := canonicalMap(rec.FieldsData())
	env.mu.Lock()
	defer env.mu.Unlock()
	key := rec.Collection().Name + "/" + rec.Id
	env.history[key] = append(env.history[key], state)
}

// push sends muts for u and keeps the answered results for the invariant check.
func (env *pushEnv) push(t *testing.T, u *synctest.User, muts ...ms.Mutation) ms.PushResponse {
	t.Helper()
	resp := u.Push(t, ms.PushRequest{Mutations: muts})
	env.keep(u.ClientID, muts, resp.Results)
	return resp
}

// pushRaw sends req for u and returns the status and answer undecoded, keeping any results
// it carries (a 503 carries the processed prefix).
func (env *pushEnv) pushRaw(t *testing.T, u *synctest.User, req ms.PushRequest) (int, []byte) {
	t.Helper()
	status, body, err := u.Call(http.MethodPost, "/api/sync/push", req)
	if err != nil {
		t.Fatalf("push: %v", err)
	}
	var resp ms.PushResponse
	if json.Unmarshal(body, &resp) == nil {
		env.keep(req.ClientID, req.Mutations, resp.Results)
	}
	return status, body
}

func (env *pushEnv) keep(client string, muts []ms.Mutation, results []ms.Result) {
	byMseq := map[int64]ms.Mutation{}
	for _, m := range muts {
		byMseq[m.Mseq] = m
	}
	env.mu.Lock()
	defer env.mu.Unlock()
	for _, r := range results {
		env.acks = append(env.acks, ack{client: client, m: byMseq[r.Mseq], res: r})
	}
}

// canonicalMap returns v as encoding/json decodes it.
func canonicalMap(v any) map[string]any {
	var out map[string]any
	raw, _ := json.Marshal(v)
	_ = json.Unmarshal(raw, &out)
	return out
}

// raw encodes v as a mutation field value.
func raw(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// fields builds a mutation's fields or base from name/value pairs.
func fields(kv ...any) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = raw(kv[i+1])
	}
	return out
}
