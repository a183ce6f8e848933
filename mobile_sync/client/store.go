package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"sort"

	ms "github.com/maillage/maillage/mobile_sync"
)

// Get returns the local view of a record: its server state with the pending outbox fields laid
// over it, in mutation order. A record deleted locally, or never seen, is absent.
func (c *Client) Get(collection, id string) (map[string]json.RawMessage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.view(collection, id)
}

// IDs returns the ids of the local view of collection, sorted.
func (c *Client) IDs(collection string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := map[string]bool{}
	for id := range c.store[collection] {
		seen[id] = true
	}
	for _, p := range c.outbox {
		if p.C == collection {
			seen[p.ID] = true
		}
	}
	var ids []string
	for id := range seen {
		if _, ok := c.view(collection, id); ok {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// ServerRow returns a copy of the server state the client holds for a record.
func (c *Client) ServerRow(collection, id string) (Row, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	row, ok := c.store[collection][id]
	if !ok {
		return Row{}, false
	}
	return Row{Rev: row.Rev, R: row.fields()}, true
}

// ServerIDs returns the ids of the server rows the client holds for collection, sorted.
func (c *Client) ServerIDs(collection string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	ids := make([]string, 0, len(c.store[collection]))
	for id := range c.store[collection] {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// view rebases the pending mutations of a record over its server row. Callers hold c.mu.
func (c *Client) view(collection, id string) (map[string]json.RawMessage, bool) {
	var v map[string]json.RawMessage
	if row, ok := c.store[collection][id]; ok {
		v = row.fields()
	}
	for _, p := range c.outbox {
		if p.C != collection || p.ID != id {
			continue
		}
		switch p.Op {
		case ms.OpCreate:
			if v == nil {
				v = map[string]json.RawMessage{"id": quote(id)}
			}
			maps.Copy(v, p.Fields)
		case ms.OpUpdate:
			if v != nil {
				maps.Copy(v, p.Fields)
			}
		case ms.OpDelete:
			v = nil
		}
	}
	return v, v != nil
}

// put stores a server row unless the client already holds a newer revision. Callers hold c.mu.
func (c *Client) put(collection, id string, rev int64, r json.RawMessage) error {
	if old, ok := c.store[collection][id]; ok && old.Rev > rev {
		return nil
	}
	row, err := newStored(rev, r)
	if err != nil {
		return err
	}
	if c.store[collection] == nil {
		c.store[collection] = map[string]*stored{}
	}
	c.store[collection][id] = row
	return nil
}

// remove drops a server row unless the client holds a newer revision. Callers hold c.mu.
func (c *Client) remove(collection, id string, rev int64) {
	if old, ok := c.store[collection][id]; ok && old.Rev <= rev {
		delete(c.store[collection], id)
	}
}

// apply applies pulled changes to the store. Callers hold c.mu.
func (c *Client) apply(changes []ms.Change) error {
	for _, ch := range changes {
		switch ch.Op {
		case ms.OpPut:
			if err := c.put(ch.C, ch.ID, ch.Rev, ch.R); err != nil {
				return &ProtocolError{What: "change " + ch.C + "/" + ch.ID, Err: err}
			}
		case ms.OpRemove:
			c.remove(ch.C, ch.ID, ch.Rev)
		default:
			return &ProtocolError{What: "change op " + ch.Op}
		}
	}
	return nil
}

func quote(s string) json.RawMessage {
	b, _ := json.Marshal(s) // a string always marshals
	return b
}

// stored is a server row as the client keeps it: its JSON as received, decoded on use (a
// device reads few of the rows it holds; decoding all of them was a third of an initial sync).
type stored struct {
	Rev int64
	raw json.RawMessage
}

// newStored keeps r and its revision. r comes out of an answer encoding/json decoded, which
// checked that it is valid JSON; it must be an object.
func newStored(rev int64, r json.RawMessage) (*stored, error) {
	r = bytes.TrimSpace(r)
	if len(r) == 0 || r[0] != '{' {
		return nil, errors.New("a server row is not a JSON object")
	}
	return &stored{Rev: rev, raw: r}, nil
}

// fields decodes the row into a new map; newStored checked that it decodes.
func (s *stored) fields() map[string]json.RawMessage {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(s.raw, &m); err != nil {
		panic("client: a stored row no longer decodes: " + err.Error())
	}
	return m
}
