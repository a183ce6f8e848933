package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"

	ms "github.com/maillage/maillage/mobile_sync"
)

// Paths of the sync endpoints.
const (
	PathInfo     = "/api/sync/info"
	PathSnapshot = "/api/sync/snapshot"
	PathPull     = "/api/sync/pull"
	PathPush     = "/api/sync/push"
)

// Sync pulls (learning what the server lost and rebasing local edits), pushes the outbox, and
// pulls again so the local store holds the server state after this device's own writes.
func (c *Client) Sync(ctx context.Context) error {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	if err := c.pullAll(ctx); err != nil {
		return err
	}
	if err := c.pushAll(ctx); err != nil {
		return err
	}
	return c.pullAll(ctx)
}

// Pull pulls until the server has nothing more for this client.
func (c *Client) Pull(ctx context.Context) error {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	return c.pullAll(ctx)
}

// Push sends the whole outbox, batch by batch.
func (c *Client) Push(ctx context.Context) error {
	c.syncMu.Lock()
	defer c.syncMu.Unlock()
	return c.pushAll(ctx)
}

// Info asks the server for its epoch, head and synced collections.
func (c *Client) Info(ctx context.Context) (ms.Info, error) {
	var info ms.Info
	err := c.call(ctx, http.MethodGet, PathInfo, nil, &info)
	return info, err
}

// Cursor returns the opaque cursor of the last pull.
func (c *Client) Cursor() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cursor
}

func (c *Client) pullAll(ctx context.Context) error {
	if err := c.initialSnapshot(ctx); err != nil {
		return err
	}
	for {
		more, err := c.pullOnce(ctx)
		if err != nil || !more {
			return err
		}
	}
}

// pullOnce pulls one page, handles a reset by re-snapshotting the listed collections (the
// outbox is kept) and requeues the journal entries the server no longer knows.
func (c *Client) pullOnce(ctx context.Context) (more bool, err error) {
	c.mu.Lock()
	req := ms.PullRequest{ClientID: c.opts.ClientID, Cursor: c.cursor, Limit: c.opts.PageSize, Collections: c.opts.Collections}
	c.mu.Unlock()
	var res ms.PullResponse
	if err := c.call(ctx, http.MethodPost, PathPull, req, &res); err != nil {
		return false, err
	}
	if c.opts.OnChanges != nil {
		c.opts.OnChanges(res.Changes)
	}
	// The answer's cursor is never ahead of the head at this pull, and the snapshots are read
	// after it: pulling from it after the reset misses nothing. A reset without a cursor
	// (epoch, pruned, ahead) starts over from the snapshots' cursor.
	if res.Reset != nil {
		cur, err := c.resnapshot(ctx, res.Reset.Collections)
		if err != nil {
			return false, fmt.Errorf("reset (%s): %w", res.Reset.Reason, err)
		}
		if res.Cursor == "" {
			res.Cursor = cur
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.apply(res.Changes); err != nil {
		return false, err
	}
	if res.Cursor == "" {
		return false, &ProtocolError{What: "empty cursor in a pull answer"}
	}
	c.cursor = res.Cursor
	if c.opts.Token != "" {
		c.requeueLost(res.LastMutationSeq)
	}
	return res.HasMore, nil
}

// initialSnapshot snapshots every synced collection when the client has no cursor yet, and
// takes the cursor of the first one: snapshots are read one after the other, so the first has
// the lowest snapshotSeq, and pulling from it brings whatever changed during the others.
func (c *Client) initialSnapshot(ctx context.Context) error {
	c.mu.Lock()
	fresh, colls := c.cursor == "", c.opts.Collections
	c.mu.Unlock()
	if !fresh {
		return nil
	}
	if len(colls) == 0 {
		info, err := c.Info(ctx)
		if err != nil {
			return fmt.Errorf("info: %w", err)
		}
		colls = info.Collections
	}
	cur, err := c.resnapshot(ctx, colls)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.opts.Collections, c.cursor = colls, cur
	return nil
}

// resnapshot replaces the store of each collection with a fresh snapshot and returns the
// cursor of the first one. The stores are replaced only once every snapshot is complete: a
// failure midway leaves the store and the cursor as they were, still consistent with each
// other (a store of the new scope under the old cursor would never be corrected if the scope
// came back to the old one before the next pull).
func (c *Client) resnapshot(ctx context.Context, collections []string) (string, error) {
	var first string
	fresh := make(map[string]map[string]*stored, len(collections))
	for _, coll := range collections {
		rows, cur, err := c.snapshot(ctx, coll)
		if err != nil {
			return "", err
		}
		fresh[coll] = rows
		if first == "" {
			first = cur
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	maps.Copy(c.store, fresh)
	return first, nil
}

// snapshot reads every page of a collection's snapshot and returns its rows and the cursor to
// pull from afterwards.
func (c *Client) snapshot(ctx context.Context, coll string) (map[string]*stored, string, error) {
	rows := map[string]*stored{}
	req := ms.SnapshotRequest{ClientID: c.opts.ClientID, Collection: coll, Limit: c.opts.PageSize}
	for {
		var page snapshotPage
		if err := c.call(ctx, http.MethodPost, PathSnapshot, req, &page); err != nil {
			return nil, "", fmt.Errorf("snapshot %s: %w", coll, err)
		}
		for _, rec := range page.Records {
			row, err := newStored(rec.Rev, rec.R)
			if err != nil {
				return nil, "", &ProtocolError{What: "snapshot row " + coll + "/" + rec.ID + " that is not a JSON object", Err: err}
			}
			rows[rec.ID] = row
		}
		c.notify(coll, page.Records)
		if page.Done {
			return rows, page.Cursor, nil
		}
		if page.NextAfterID == "" || page.NextAfterID == req.AfterID {
			return nil, "", &ProtocolError{What: "snapshot page of " + coll + " that does not advance"}
		}
		req.SnapshotSeq, req.AfterID = page.SnapshotSeq, page.NextAfterID
	}
}

func (c *Client) pushAll(ctx context.Context) error {
	for {
		sent, err := c.pushOnce(ctx)
		if err != nil || sent == 0 {
			return err
		}
	}
}

// pushOnce sends the first batch of the outbox and acknowledges what the server processed,
// also from a 503 answer carrying the processed prefix. It returns how many were acknowledged.
func (c *Client) pushOnce(ctx context.Context) (int, error) {
	c.mu.Lock()
	if c.opts.Token == "" || len(c.outbox) == 0 {
		c.mu.Unlock()
		return 0, nil
	}
	req := ms.PushRequest{ClientID: c.opts.ClientID}
	for _, p := range c.outbox[:min(len(c.outbox), c.opts.PushBatch)] {
		req.Mutations = append(req.Mutations, p.Mutation)
	}
	c.mu.Unlock()
	var res ms.PushResponse
	err := c.call(ctx, http.MethodPost, PathPush, req, &res)
	var he *HTTPError
	if errors.As(err, &he) && he.Transient() && json.Unmarshal(he.Body, &res) == nil {
		c.ackPush(res) // the processed prefix
		return 0, err
	}
	if err != nil {
		return 0, err
	}
	return c.ackPush(res)
}

func (c *Client) ackPush(res ms.PushResponse) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	before := len(c.outbox)
	err := c.acknowledge(res.LastMutationSeq, res.Results)
	return before - len(c.outbox), err
}

// snapshotPage is a SnapshotResponse; its rows stay JSON until used.
type snapshotPage = ms.SnapshotResponse

// notify passes snapshot rows to Options.OnChanges as puts.
func (c *Client) notify(coll string, recs []ms.SnapshotRecord) {
	if c.opts.OnChanges == nil || len(recs) == 0 {
		return
	}
	changes := make([]ms.Change, len(recs))
	for i, r := range recs {
		changes[i] = ms.Change{C: coll, Op: ms.OpPut, ID: r.ID, Rev: r.Rev, R: r.R}
	}
	c.opts.OnChanges(changes)
}
