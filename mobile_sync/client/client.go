// Package client is the Go reference client of Maillage's sync protocol (docs/sync.md): a
// local store of server state per collection, an outbox of pending mutations, a journal of
// acknowledged ones (resent when the server lost them), the cursor, and the snapshot, pull and
// push loops over real HTTP. The local view of a record is its server state with the pending
// outbox fields laid over it, so pulled rows rebase pending edits automatically.
//
//	c := client.New(client.Options{BaseURL: srv.URL, Token: token})
//	id, _ := c.Create("initiatives", map[string]any{"name": "Jardin"})
//	err := c.Sync(ctx) // pull, push, pull
//	rec, ok := c.Get("initiatives", id)
package client

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	mrand "math/rand/v2"
	"net/http"
	"sync"

	ms "github.com/maillage/maillage/mobile_sync"
)

// Options configure a Client.
type Options struct {
	// BaseURL is the server's root, e.g. "http://127.0.0.1:8090".
	BaseURL string
	// Token is a PocketBase auth token; empty for an anonymous client (pull only).
	Token string
	// HTTP is the transport; nil uses http.DefaultClient.
	HTTP *http.Client
	// ClientID identifies this device; empty generates one.
	ClientID string
	// Collections to sync; empty syncs every collection the server lists in /api/sync/info.
	Collections []string
	// PageSize bounds snapshot pages and pulls (default 500).
	PageSize int
	// PushBatch bounds the mutations sent in one push (default 100).
	PushBatch int
	// JournalLimit is how many acknowledged mutations are kept for resending (default 10000).
	JournalLimit int
	// OnChanges, if set, sees every page of changes and snapshot rows as it arrives, before
	// it is applied (for tests that check what a user receives, or a UI's progress).
	OnChanges func([]ms.Change)
	// Rand generates ids; nil uses crypto/rand. Simulations pass a seeded source.
	Rand *mrand.Rand
}

// ErrNotFound is returned by local edits of a record the local view does not hold.
var ErrNotFound = errors.New("record not in the local view")

// Row is a record as the server last sent it: its revision and its full JSON.
type Row struct {
	Rev int64
	R   map[string]json.RawMessage
}

// Pending is a mutation in the outbox or, once acknowledged, in the journal with its result.
type Pending struct {
	ms.Mutation
	Result *ms.Result
}

// Client is one device. Its methods are safe for concurrent use; Sync calls are serialised.
type Client struct {
	opts   Options
	http   *http.Client
	syncMu sync.Mutex // one sync at a time

	mu       sync.Mutex
	store    map[string]map[string]*stored
	outbox   []*Pending
	journal  []*Pending
	nextMseq int64
	cursor   string
	acked    int64 // highest mseq the server acknowledged
}

// New returns a client with an empty store.
func New(opts Options) *Client {
	if opts.HTTP == nil {
		opts.HTTP = http.DefaultClient
	}
	if opts.PageSize <= 0 {
		opts.PageSize = 500
	}
	if opts.PushBatch <= 0 {
		opts.PushBatch = 100
	}
	if opts.JournalLimit <= 0 {
		opts.JournalLimit = 10000
	}
	c := &Client{opts: opts, http: opts.HTTP, store: map[string]map[string]*stored{}, nextMseq: 1}
	if c.opts.ClientID == "" {
		c.opts.ClientID = c.newID()
	}
	return c
}

// ID returns the client id sent with every request.
func (c *Client) ID() string { return c.opts.ClientID }

// SetToken changes the auth token (e.g. after signing in again).
func (c *Client) SetToken(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.opts.Token = token
}

const idAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

// newID returns a PocketBase-style id: 15 characters of [a-z0-9].
func (c *Client) newID() string {
	b := make([]byte, 15)
	if c.opts.Rand != nil {
		for i := range b {
			b[i] = idAlphabet[c.opts.Rand.IntN(len(idAlphabet))]
		}
		return string(b)
	}
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	for i := range b {
		b[i] = idAlphabet[int(b[i])%len(idAlphabet)]
	}
	return string(b)
}

// Suggestion returns the id of the suggested edit an acknowledged update became (result
// status "suggested", or a duplicate of one): the server kept the values for the record's
// author to decide, and the record stored on the device is the server's, unchanged.
func (p Pending) Suggestion() (id string, ok bool) {
	if p.Result == nil {
		return "", false
	}
	status := p.Result.Status
	if status == ms.StatusDuplicate {
		status = p.Result.OriginalStatus
	}
	return p.Result.Suggestion, status == ms.StatusSuggested && p.Result.Suggestion != ""
}
