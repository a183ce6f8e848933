package suggestions

import (
	"encoding/json"
	"reflect"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// proposed returns a suggestion's proposed values by field.
func proposed(sug *core.Record) map[string]any { return mapOf(sug, s.FieldSuggestionFields) }

// mapOf decodes a JSON object field of rec; nil when it is not one.
func mapOf(rec *core.Record, field string) map[string]any {
	var out map[string]any
	raw, err := json.Marshal(rec.Get(field))
	if err == nil {
		_ = json.Unmarshal(raw, &out) // not an object: nil
	}
	return out
}

// listOf decodes a JSON list of strings field of rec.
func listOf(rec *core.Record, field string) []string {
	var out []string
	raw, err := json.Marshal(rec.Get(field))
	if err == nil {
		_ = json.Unmarshal(raw, &out)
	}
	return out
}

// ChangedSince lists the proposed fields whose value on target differs from the one the person
// saw: accepting them still works, the PWA marks them so that the decider looks twice.
func ChangedSince(sug, target *core.Record) []string {
	seen := mapOf(sug, s.FieldSuggestionSeen)
	changed := []string{}
	for name := range proposed(sug) {
		if v, ok := seen[name]; ok && !same(v, target.Get(name)) {
			changed = append(changed, name)
		}
	}
	return changed
}

// same compares two values in their JSON form.
func same(a, b any) bool {
	var ca, cb any
	ra, _ := json.Marshal(a)
	rb, _ := json.Marshal(b)
	_ = json.Unmarshal(ra, &ca)
	_ = json.Unmarshal(rb, &cb)
	return reflect.DeepEqual(ca, cb)
}
