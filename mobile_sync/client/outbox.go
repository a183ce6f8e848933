package client

import (
	"encoding/json"
	"fmt"
	"sort"

	ms "github.com/maillage/maillage/mobile_sync"
)

// Create queues a new record with a locally generated id and returns the id.
func (c *Client) Create(collection string, fields map[string]any) (string, error) {
	raw, err := marshalFields(fields)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	id := c.newID()
	c.enqueue(ms.Mutation{C: collection, ID: id, Op: ms.OpCreate, Fields: raw})
	return id, nil
}

// Update queues a change of some fields of a record. Its base holds the values of those fields
// in the local view: the server's values, or those of an earlier pending edit, which the
// server will hold by the time this one arrives.
func (c *Client) Update(collection, id string, fields map[string]any) error {
	raw, err := marshalFields(fields)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.view(collection, id)
	if !ok {
		return fmt.Errorf("update %s/%s: %w", collection, id, ErrNotFound)
	}
	base := make(map[string]json.RawMessage, len(raw))
	for f := range raw {
		if old, ok := v[f]; ok {
			base[f] = old
		} else {
			base[f] = json.RawMessage("null")
		}
	}
	c.enqueue(ms.Mutation{C: collection, ID: id, Op: ms.OpUpdate, BaseRev: c.rev(collection, id), Base: base, Fields: raw})
	return nil
}

// Delete queues the deletion of a record.
func (c *Client) Delete(collection, id string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.view(collection, id); !ok {
		return fmt.Errorf("delete %s/%s: %w", collection, id, ErrNotFound)
	}
	c.enqueue(ms.Mutation{C: collection, ID: id, Op: ms.OpDelete, BaseRev: c.rev(collection, id)})
	return nil
}

// Outbox returns a copy of the pending mutations, in mseq order.
func (c *Client) Outbox() []ms.Mutation {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]ms.Mutation, len(c.outbox))
	for i, p := range c.outbox {
		out[i] = p.Mutation
	}
	return out
}

// Journal returns a copy of the acknowledged mutations still kept, with their results.
func (c *Client) Journal() []Pending {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]Pending, len(c.journal))
	for i, p := range c.journal {
		out[i] = *p
	}
	return out
}

// enqueue numbers a mutation and appends it to the outbox. Callers hold c.mu.
func (c *Client) enqueue(m ms.Mutation) {
	m.Mseq = c.nextMseq
	c.nextMseq++
	c.outbox = append(c.outbox, &Pending{Mutation: m})
}

// rev is the revision of the server row the client holds, 0 if none. Callers hold c.mu.
func (c *Client) rev(collection, id string) int64 {
	if row, ok := c.store[collection][id]; ok {
		return row.Rev
	}
	return 0
}

// acknowledge moves the outbox prefix up to lastSeq to the journal with its results and
// stores the records the results carry. Callers hold c.mu.
func (c *Client) acknowledge(lastSeq int64, results []ms.Result) error {
	byMseq := make(map[int64]ms.Result, len(results))
	for _, r := range results {
		byMseq[r.Mseq] = r
	}
	for len(c.outbox) > 0 && c.outbox[0].Mseq <= lastSeq {
		p := c.outbox[0]
		c.outbox = c.outbox[1:]
		if r, ok := byMseq[p.Mseq]; ok {
			p.Result = &r
			if len(r.R) > 0 && r.Rev > 0 {
				if err := c.put(p.C, p.ID, r.Rev, r.R); err != nil {
					return &ProtocolError{What: fmt.Sprintf("result of mutation %d", p.Mseq), Err: err}
				}
			}
		}
		c.journal = append(c.journal, p)
		c.acked = max(c.acked, p.Mseq)
	}
	if over := len(c.journal) - c.opts.JournalLimit; over > 0 {
		c.journal = c.journal[over:]
	}
	return nil
}

// requeueLost puts back in the outbox the journal entries the server no longer knows (it
// reports lastSeq below what it acknowledged, e.g. after a restore) and renumbers the outbox
// from lastSeq+1 so that the server sees no gap. Callers hold c.mu.
func (c *Client) requeueLost(lastSeq int64) (requeued int) {
	if lastSeq >= c.acked {
		return 0
	}
	var keep, lost []*Pending
	for _, p := range c.journal {
		if p.Mseq > lastSeq {
			p.Result = nil
			lost = append(lost, p)
		} else {
			keep = append(keep, p)
		}
	}
	c.journal = keep
	c.outbox = append(lost, c.outbox...)
	sort.SliceStable(c.outbox, func(i, j int) bool { return c.outbox[i].Mseq < c.outbox[j].Mseq })
	for i, p := range c.outbox {
		p.Mseq = lastSeq + 1 + int64(i)
	}
	c.nextMseq = lastSeq + 1 + int64(len(c.outbox))
	c.acked = lastSeq
	return len(lost)
}

func marshalFields(fields map[string]any) (map[string]json.RawMessage, error) {
	raw := make(map[string]json.RawMessage, len(fields))
	for k, v := range fields {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("field %s: %w", k, err)
		}
		raw[k] = b
	}
	return raw, nil
}
