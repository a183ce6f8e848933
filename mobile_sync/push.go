package mobilesync

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// POST /api/sync/push: exactly-once application of a client's queued mutations. Each chunk of
// mutations, their effects, their stored results and the client's counter advance commit in one
// transaction; a replayed mseq gets its stored result; data problems become rejected results,
// never 4xx, so a queue never blocks. Every message, the results' and the conflicts' too, is in
// the pushing user's language: their locale, else the request's Accept-Language (i18n.Lang).

// Limits of one push request.
const (
	MaxPushMutations = 500
	MaxPushBytes     = 5 << 20
	pushChunk        = 100
	defaultWriteWait = 5 * time.Second
	retryAfter       = 2 // seconds
)

// ErrWriterBusy means the database's single write connection stayed busy (a backup, a long
// import) longer than the push may wait.
var ErrWriterBusy = errors.New("database write connection busy")

// errAbandoned rolls back a push transaction that started after its request gave up waiting.
var errAbandoned = errors.New("push abandoned while waiting for the writer")

// badPushError is a malformed push request: 400 with its message (a catalogue key).
type badPushError struct {
	key    string
	params map[string]any
}

func (e *badPushError) Error() string { return i18n.T(i18n.FR, e.key, e.params) }

func badPush(key string, params map[string]any) error {
	return &badPushError{key: key, params: params}
}

// pusher serves pushes with the sync configuration.
type pusher struct {
	cfg  Config
	wait time.Duration
}

// bindPush creates the exactly-once tables at start and serves push and media.
func bindPush(app core.App, cfg Config) {
	p := &pusher{cfg: cfg, wait: cfg.PushWriteWait}
	if p.wait <= 0 {
		p.wait = defaultWriteWait
	}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := ensureClientTables(se.App); err != nil {
			return err
		}
		se.Router.POST("/api/sync/push", p.handle).Bind(apis.RequireAuth(s.Users))
		bindMedia(se)
		return se.Next()
	})
}

func (p *pusher) handle(e *core.RequestEvent) error {
	lang := i18n.Lang(e)
	body, err := io.ReadAll(http.MaxBytesReader(e.Response, e.Request.Body, MaxPushBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return e.Error(http.StatusRequestEntityTooLarge, i18n.T(lang, "sync_push_too_large", map[string]any{"maxMB": MaxPushBytes >> 20}), nil)
	}
	if err != nil {
		return e.BadRequestError(i18n.T(lang, "sync_push_unreadable", nil), err)
	}
	req, err := decodePush(body)
	if err == nil {
		resp, pushErr := p.push(e.App, e.Auth, req, lang)
		return p.respond(e, lang, resp, pushErr)
	}
	return p.respond(e, lang, PushResponse{}, err)
}

// respond maps push errors to statuses; a transient one answers 503 with the processed prefix.
func (p *pusher) respond(e *core.RequestEvent, lang string, resp PushResponse, err error) error {
	var bad *badPushError
	switch {
	case err == nil:
		return e.JSON(http.StatusOK, resp)
	case errors.Is(err, ErrForeignClient):
		return e.ForbiddenError(i18n.T(lang, "sync_foreign_client", nil), nil)
	case errors.As(err, &bad):
		return e.BadRequestError(i18n.T(lang, bad.key, bad.params), nil)
	case isTransient(err):
		e.Response.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		return e.JSON(http.StatusServiceUnavailable, struct {
			PushResponse
			Message string `json:"message"`
		}{resp, i18n.T(lang, "sync_busy", nil)})
	default:
		return e.InternalServerError("", err)
	}
}

// decodePush reads a push strictly: known fields only, one JSON object, a valid clientId, at
// most MaxPushMutations mutations numbered without gaps.
func decodePush(body []byte) (PushRequest, error) {
	var req PushRequest
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return PushRequest{}, badPush("sync_push_bad_json", map[string]any{"detail": err.Error()})
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return PushRequest{}, badPush("sync_push_trailing", nil)
	}
	if !pbID.MatchString(req.ClientID) {
		return PushRequest{}, badPush("sync_push_bad_client", nil)
	}
	if len(req.Mutations) > MaxPushMutations {
		return PushRequest{}, badPush("sync_push_too_many", map[string]any{"count": len(req.Mutations), "max": MaxPushMutations})
	}
	return req, checkNumbering(req.Mutations)
}

// checkNumbering refuses mseq below 1 and gaps inside the batch (repeats are replays).
func checkNumbering(muts []Mutation) error {
	var top int64
	for i, m := range muts {
		if m.Mseq < 1 {
			return badPush("sync_push_mseq_start", map[string]any{"index": i, "mseq": m.Mseq})
		}
		if i > 0 && m.Mseq > top+1 {
			return badPush("sync_push_mseq_jump", map[string]any{"mseq": m.Mseq, "previous": top})
		}
		top = max(top, m.Mseq)
	}
	return nil
}

// checkSequence refuses a batch whose first new mseq does not continue the client's counter.
func checkSequence(last int64, muts []Mutation) error {
	for _, m := range muts {
		if m.Mseq > last+1 {
			return badPush("sync_push_mseq_gap", map[string]any{"mseq": m.Mseq, "last": last, "next": last + 1})
		}
		last = max(last, m.Mseq)
	}
	return nil
}

// push applies req in chunks, each in its own transaction; on error it returns the results of
// the chunks already committed. Messages are written in lang.
func (p *pusher) push(app core.App, user *core.Record, req PushRequest, lang string) (PushResponse, error) {
	resp := PushResponse{Results: []Result{}}
	muts := req.Mutations
	for first := true; first || len(muts) > 0; first = false {
		n := min(pushChunk, len(muts))
		results, last, err := p.pushChunk(app, user, req.ClientID, muts[:n], lang)
		if err != nil {
			return resp, err
		}
		resp.Results, resp.LastMutationSeq = append(resp.Results, results...), last
		muts = muts[n:]
	}
	return resp, nil
}

func (p *pusher) pushChunk(app core.App, user *core.Record, clientID string, muts []Mutation, lang string) ([]Result, int64, error) {
	var results []Result
	var last int64
	err := runBounded(app, p.wait, func(tx core.App) error {
		results = nil
		var err error
		if last, err = claimClient(tx, clientID, user.Id); err != nil {
			return err
		}
		if err := checkSequence(last, muts); err != nil {
			return err
		}
		for _, m := range muts {
			res, err := p.one(tx, user, clientID, &last, m, lang)
			if err != nil {
				return err
			}
			results = append(results, res)
		}
		return nil
	})
	return results, last, err
}

// one answers a replayed mutation from its stored result, or applies a new one and stores its
// result with the counter advance.
func (p *pusher) one(tx core.App, user *core.Record, clientID string, last *int64, m Mutation, lang string) (Result, error) {
	if m.Mseq <= *last {
		return p.replayed(tx, user, clientID, m)
	}
	before, err := recordRev(tx, m.C, m.ID)
	if err != nil {
		return Result{}, err
	}
	res, err := p.applyIsolated(tx, user, clientID, m, lang)
	if err != nil {
		return Result{}, fmt.Errorf("apply mutation %d: %w", m.Mseq, err)
	}
	if err := recordResult(tx, clientID, m, before, res); err != nil {
		return Result{}, err
	}
	*last = m.Mseq
	return res, nil
}

// replayed answers a mutation applied before with its stored result and the record as the
// user may read it now (access may have changed since).
func (p *pusher) replayed(tx core.App, user *core.Record, clientID string, m Mutation) (Result, error) {
	res, err := storedResult(tx, clientID, m.Mseq)
	if err != nil || !slices.Contains(p.cfg.Collections, m.C) || !pbID.MatchString(m.ID) {
		return res, err
	}
	info := pushInfo(user)
	found, err := readableRecords(tx, info, m.C, []string{m.ID})
	if err != nil || found[m.ID] == nil {
		return res, err
	}
	res.R, err = serializeRecord(tx, info, found[m.ID])
	return res, err
}

// applyIsolated applies m inside a savepoint: a refused mutation leaves no partial write and
// becomes a rejected result; a transient error, or any error once the record was saved, aborts
// the chunk.
func (p *pusher) applyIsolated(tx core.App, user *core.Record, clientID string, m Mutation, lang string) (Result, error) {
	if _, err := tx.DB().NewQuery("SAVEPOINT sync_mutation").Execute(); err != nil {
		return Result{}, fmt.Errorf("savepoint: %w", err)
	}
	mc := &mutationCtx{app: tx, cfg: p.cfg, info: pushInfo(user), clientID: clientID, m: m, lang: lang}
	res, err := mc.apply()
	if err == nil {
		_, err = tx.DB().NewQuery("RELEASE sync_mutation").Execute()
		return res, err
	}
	if _, rbErr := tx.DB().NewQuery("ROLLBACK TO sync_mutation; RELEASE sync_mutation").Execute(); rbErr != nil {
		return Result{}, errors.Join(err, fmt.Errorf("rollback savepoint: %w", rbErr))
	}
	// After a successful save, PocketBase has queued the record's after-success hooks
	// (realtime, poke) for the commit, and rolling back to the savepoint does not cancel them:
	// only failing the whole transaction does. Such late failures are server faults anyway.
	if isTransient(err) || mc.saved {
		return Result{}, err
	}
	return rejected(tx, mc.info, clientID, m, err, lang)
}

// pushInfo is the request info of a push's user, as rules and serialisation see it.
func pushInfo(user *core.Record) *core.RequestInfo {
	return &core.RequestInfo{Auth: user, Method: http.MethodPost, Context: core.RequestInfoContextDefault,
		Query: map[string]string{}, Headers: map[string]string{}, Body: map[string]any{}}
}

// runBounded runs fn in a write transaction, giving up with ErrWriterBusy if the write
// connection is not free within wait (a v0.39 backup holds it for the whole archive). A
// transaction that starts after the caller gave up rolls back at once.
func runBounded(app core.App, wait time.Duration, fn func(tx core.App) error) error {
	const waiting, running, abandoned = 0, 1, 2
	var state atomic.Int32
	done := make(chan error, 1)
	go func() {
		done <- app.RunInTransaction(func(tx core.App) error {
			if !state.CompareAndSwap(waiting, running) {
				return errAbandoned
			}
			return fn(tx)
		})
	}()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		if state.CompareAndSwap(waiting, abandoned) {
			return ErrWriterBusy
		}
		return <-done // already running: let it finish
	}
}

// isTransient reports errors worth retrying: a busy or locked database.
func isTransient(err error) bool {
	if errors.Is(err, ErrWriterBusy) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked") ||
		strings.Contains(msg, "SQLITE_LOCKED")
}
