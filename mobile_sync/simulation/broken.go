package simulation

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	ms "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// Broken names a deliberately wrong server, the negative controls of the simulation: each must
// make the checker fail. The zero value is the real server.
type Broken string

// The broken variants, each breaking one invariant.
const (
	// NaivePull answers pulls as the community `updated > since` pullers do: a change whose
	// `updated` is not above the highest one the client already received is skipped (late
	// commits, rows that became visible), and removes never arrive.
	NaivePull Broken = "naive-pull"
	// LoseWrites applies each update with the client's base in place of its value, yet
	// acknowledges it as applied: the acknowledged value is in no revision.
	LoseWrites Broken = "lose-writes"
	// Leak adds to every pull answer the private records of every author, read as superuser.
	Leak Broken = "leak"
	// ForgetResults forgets the stored results of the mutations of every push before serving
	// it, as a server without deduplication: retries and duplicates are applied again.
	ForgetResults Broken = "forget-results"
)

// breaker wraps the server's handler with a Broken variant.
type breaker struct {
	kind Broken
	srv  *Server

	mu    sync.Mutex
	marks map[string]string // naive pull: client id → highest `updated` sent
}

func newBreaker(kind Broken, srv *Server) *breaker {
	return &breaker{kind: kind, srv: srv, marks: map[string]string{}}
}

// wrap returns next with the broken behaviour laid over the sync endpoints.
func (b *breaker) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		switch {
		case r.URL.Path == "/api/sync/push" && b.kind == LoseWrites:
			r.Body = io.NopCloser(bytes.NewReader(loseWrites(body)))
			r.ContentLength = -1
		case r.URL.Path == "/api/sync/push" && b.kind == ForgetResults:
			b.forget(body)
		case r.URL.Path == "/api/sync/pull" && (b.kind == NaivePull || b.kind == Leak):
			b.rewritePull(w, r, next, body)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loseWrites replaces the value of every updated field with the client's base.
func loseWrites(body []byte) []byte {
	var req ms.PushRequest
	if json.Unmarshal(body, &req) != nil {
		return body
	}
	for i, m := range req.Mutations {
		if m.Op != ms.OpUpdate {
			continue
		}
		for f := range m.Fields {
			if old, ok := m.Base[f]; ok {
				req.Mutations[i].Fields[f] = old
			}
		}
	}
	out, _ := json.Marshal(req) // decoded from JSON: encodes again
	return out
}

// forget makes the server forget the results of the mutations of a push.
func (b *breaker) forget(body []byte) {
	var req ms.PushRequest
	if json.Unmarshal(body, &req) != nil || len(req.Mutations) == 0 {
		return
	}
	first := req.Mutations[0].Mseq
	db := b.srv.App().DB()
	_, _ = db.NewQuery("DELETE FROM _sync_mutations WHERE clientId = {:c} AND mseq >= {:m}").
		Bind(dbx.Params{"c": req.ClientID, "m": first}).Execute()
	_, _ = db.NewQuery("UPDATE _sync_clients SET lastMutationSeq = {:m} WHERE clientId = {:c} AND lastMutationSeq >= {:m}").
		Bind(dbx.Params{"c": req.ClientID, "m": first - 1}).Execute()
}

// rewritePull serves the pull, then filters (naive pull) or extends (leak) its changes.
func (b *breaker) rewritePull(w http.ResponseWriter, r *http.Request, next http.Handler, body []byte) {
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	var res ms.PullResponse
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &res) != nil {
		copyResponse(w, rec)
		return
	}
	var req ms.PullRequest
	_ = json.Unmarshal(body, &req)
	if b.kind == NaivePull {
		res.Changes = b.naive(req.ClientID, res.Changes)
	} else {
		res.Changes = append(res.Changes, b.privateRows()...)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(res)
}

// naive keeps the puts whose `updated` is above the client's mark, and no remove.
func (b *breaker) naive(clientID string, changes []ms.Change) []ms.Change {
	b.mu.Lock()
	defer b.mu.Unlock()
	mark, kept := b.marks[clientID], []ms.Change{}
	for _, ch := range changes {
		var r struct {
			Updated string `json:"updated"`
		}
		if ch.Op != ms.OpPut || json.Unmarshal(ch.R, &r) != nil || r.Updated <= mark {
			continue
		}
		kept = append(kept, ch)
		b.marks[clientID] = max(b.marks[clientID], r.Updated)
	}
	return kept
}

// privateRows returns every private content record as a put, serialised as for a superuser.
func (b *breaker) privateRows() []ms.Change {
	var out []ms.Change
	app := b.srv.App()
	for _, coll := range content {
		recs, err := app.FindAllRecords(coll, dbx.HashExp{s.FieldVisibility: s.VisibilityPrivate})
		if err != nil {
			continue
		}
		for _, rec := range recs {
			out = append(out, ms.Change{C: coll, Op: ms.OpPut, ID: rec.Id, Rev: 1 << 40, R: exportJSON(rec)})
		}
	}
	return out
}

func exportJSON(rec *core.Record) json.RawMessage {
	raw, _ := json.Marshal(rec) // a loaded record always marshals
	return raw
}

func copyResponse(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}
