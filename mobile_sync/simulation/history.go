package simulation

import (
	"encoding/json"
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

// History keeps every committed revision of the simulated records, field by field, as JSON.
// It is fed by after-commit model hooks, so it sees every write path of the app; it lives
// outside the app and survives restarts.
type History struct {
	mu   sync.Mutex
	revs map[string][]map[string]json.RawMessage // "collection/id" → revisions in commit order
}

// NewHistory returns an empty history.
func NewHistory() *History {
	return &History{revs: map[string][]map[string]json.RawMessage{}}
}

// Bind records the revisions of collections written through app.
func (h *History) Bind(app core.App, collections ...string) {
	record := func(e *core.RecordEvent) error {
		h.add(e.Record)
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(collections...).BindFunc(record)
	app.OnRecordAfterUpdateSuccess(collections...).BindFunc(record)
}

func (h *History) add(r *core.Record) {
	rev := map[string]json.RawMessage{}
	for k, v := range r.FieldsData() {
		b, err := json.Marshal(v)
		if err == nil {
			rev[k] = b
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	key := r.Collection().Name + "/" + r.Id
	h.revs[key] = append(h.revs[key], rev)
}

// Revisions returns the revisions of a record, oldest first.
func (h *History) Revisions(collection, id string) []map[string]json.RawMessage {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.revs[collection+"/"+id]
}

// Count returns how many records have at least one revision.
func (h *History) Count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.revs)
}
