package mobilesync

import (
	"bytes"
	"encoding/json"

	"github.com/pocketbase/pocketbase/core"
)

// Per-field conflict resolution of a pushed update. Pure: values are canonical JSON values
// (what encoding/json decodes into `any`), so the rules are table-tested without an app.

// fieldInput is one pushed field: its policy, the value the client last saw (Base, when the
// client sent it), the server's current value and the client's new value.
type fieldInput struct {
	Policy    Policy
	Base      any
	BaseKnown bool
	Server    any
	Client    any
	// ServerChanged tells, when the base value is unknown, whether the record changed since
	// the client's baseRev.
	ServerChanged bool
}

// outcome is what happens to the field.
type outcome int

const (
	keepServer  outcome = iota // nothing written; Lost says whether the client value lost
	applyClient                // the client value is written
	applyMerged                // a merge of both is written
)

// decision is the resolution of one field.
type decision struct {
	Outcome outcome
	Value   any  // written when Outcome is applyClient or applyMerged
	Lost    bool // the client value lost: it goes to syncConflicts
}

// resolveField applies DESIGN.md's rule: server unchanged since base → apply; server already
// equal to the client → nothing to do; both changed → the field's policy decides.
func resolveField(in fieldInput) decision {
	if sameValue(in.Server, in.Client) {
		return decision{Outcome: keepServer}
	}
	changed := in.ServerChanged
	if in.BaseKnown {
		changed = !sameValue(in.Server, in.Base)
	}
	if !changed {
		return decision{Outcome: applyClient, Value: in.Client}
	}
	switch in.Policy {
	case ClientWins:
		return decision{Outcome: applyClient, Value: in.Client}
	case SetMerge:
		return mergeSets(in)
	case TextMerge:
		return mergeTexts(in)
	default:
		return decision{Outcome: keepServer, Lost: true}
	}
}

// mergeSets composes the client's adds and removes (relative to its base) with the server's
// set: removes leave, adds join after the server's items. An unknown base counts as empty, so
// nothing is removed and the sets are unioned; the client's set then also goes to
// syncConflicts unless the union equals it, since a removal it meant cannot be told apart
// from an item the server added.
func mergeSets(in fieldInput) decision {
	d := unionOrMerge(in)
	d.Lost = !in.BaseKnown && !sameValue(d.mergedOr(in.Server), in.Client)
	return d
}

// mergedOr is the value the field holds after d: the merge, or server when d keeps it.
func (d decision) mergedOr(server any) any {
	if d.Outcome == keepServer {
		return server
	}
	return d.Value
}

func unionOrMerge(in fieldInput) decision {
	base, server, client := toSet(in.Base), toList(in.Server), toSet(in.Client)
	merged := []any{}
	present := map[string]bool{}
	for _, v := range server {
		if base[v] && !client[v] {
			continue // removed by the client
		}
		merged, present[v] = append(merged, v), true
	}
	for _, v := range toList(in.Client) {
		if !base[v] && !present[v] {
			merged, present[v] = append(merged, v), true
		}
	}
	if sameValue(merged, in.Server) {
		return decision{Outcome: keepServer}
	}
	return decision{Outcome: applyMerged, Value: merged}
}

// mergeTexts three-way merges the client's text edits into the server's text; overlapping
// edits, or an unknown base, keep the server's text and lose the client's to syncConflicts.
func mergeTexts(in fieldInput) decision {
	base, okB := in.Base.(string)
	server, okS := in.Server.(string)
	client, okC := in.Client.(string)
	if in.Base == nil {
		base, okB = "", true
	}
	if in.Server == nil {
		server, okS = "", true
	}
	if !in.BaseKnown || !okB || !okS || !okC {
		return decision{Outcome: keepServer, Lost: true}
	}
	merged, ok := mergeText(base, server, client)
	if !ok {
		return decision{Outcome: keepServer, Lost: true}
	}
	return decision{Outcome: applyMerged, Value: merged}
}

// sameValue compares canonical values; empty values (null, "", 0, false, [], {}) are equal, so
// a create/create against an empty base sees untouched fields as unchanged.
func sameValue(a, b any) bool {
	if isEmpty(a) && isEmpty(b) {
		return true
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

func isEmpty(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case float64:
		return v == 0
	case bool:
		return !v
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// toList reads a multi-valued field's canonical value as strings (a single string is a list of one).
func toList(v any) []string {
	switch v := v.(type) {
	case string:
		if v == "" {
			return nil
		}
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func toSet(v any) map[string]bool {
	set := map[string]bool{}
	for _, s := range toList(v) {
		set[s] = true
	}
	return set
}

// defaultPolicy picks a field's policy from its type: sets merge, long text merges, and the
// server wins everything else (a phone days offline must not clobber fresh edits).
func defaultPolicy(f core.Field) Policy {
	switch f := f.(type) {
	case *core.RelationField:
		if f.IsMultiple() {
			return SetMerge
		}
	case *core.SelectField:
		if f.IsMultiple() {
			return SetMerge
		}
	case *core.FileField:
		if f.IsMultiple() {
			return SetMerge
		}
	case *core.TextField:
		if f.Max == 0 || f.Max > 1000 || f.Name == "description" {
			return TextMerge
		}
	case *core.EditorField:
		return TextMerge
	}
	return ServerWins
}

// policyFor returns the configured policy of collection's field f, or its default.
func policyFor(cfg Config, collection string, f core.Field) Policy {
	if p, ok := cfg.Policies[collection][f.GetName()]; ok {
		return p
	}
	return defaultPolicy(f)
}
