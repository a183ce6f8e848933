package mobilesync_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	ms "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// nothingLost checks the invariant of DESIGN.md on everything the server acknowledged in env:
// each value a client pushed is in the record at some committed revision, or in a
// syncConflicts row of that mutation. "In the record" means that re-applying the client's
// change to that revision changes nothing: the same value, for sets the client's adds present
// and its removes absent, for merged text a three-way merge that adds nothing. A rejected
// mutation must have its rejected row; a delete must have removed or hidden the record, or
// left a deleteOnModified row. It returns one line per lost value.
func nothingLost(env *pushEnv) []string {
	env.mu.Lock()
	acks := append([]ack(nil), env.acks...)
	env.mu.Unlock()
	var problems []string
	seen := map[string]bool{}
	for _, a := range acks {
		status := a.res.Status
		if status == ms.StatusDuplicate {
			status = a.res.OriginalStatus
		}
		key := fmt.Sprintf("%s/%d", a.client, a.m.Mseq)
		if status == "" || status == ms.StatusDeferred || seen[key] {
			continue // not acknowledged, or checked once already
		}
		seen[key] = true
		problems = append(problems, checkAck(env, a, status)...)
	}
	return problems
}

// checkAck lists the values of one acknowledged mutation that are nowhere.
func checkAck(env *pushEnv, a ack, status string) []string {
	where := fmt.Sprintf("client %s mseq %d (%s %s/%s, %s)", a.client, a.m.Mseq, a.m.Op, a.m.C, a.m.ID, status)
	rows, err := conflictRows(env.App, a.client, a.m.Mseq)
	if err != nil {
		return []string{where + ": " + err.Error()}
	}
	if status == ms.StatusSuggested {
		if a.res.Suggestion == "" {
			return []string{where + ": suggested without the id of what keeps its values"}
		}
		return nil // kept whole by Config.OnReadOnlyUpdate under that id
	}
	if status == ms.StatusRejected {
		if !hasKind(rows, s.ConflictRejected) {
			return []string{where + ": rejected without a rejected syncConflicts row"}
		}
		return nil
	}
	if hasKind(rows, s.ConflictUpdateOnDeleted) || hasKind(rows, s.ConflictDeleteOnModified) {
		return nil // the whole mutation is kept in its row
	}
	states := env.states(a.m.C, a.m.ID)
	if a.m.Op == ms.OpDelete {
		if !removedIn(states) {
			return []string{where + ": the record is neither deleted nor kept in a deleteOnModified row"}
		}
		return nil
	}
	var problems []string
	for name, value := range a.m.Fields {
		if !inSomeState(env.App, a.m, name, value, states) && !keptInRow(env.App, a.m, rows, name, value) {
			problems = append(problems, fmt.Sprintf("%s: field %s = %s is in no revision and no syncConflicts row", where, name, value))
		}
	}
	sort.Strings(problems)
	return problems
}

// states returns the committed states of a record, then its current state (nil when gone).
func (env *pushEnv) states(collection, id string) []map[string]any {
	env.mu.Lock()
	out := append([]map[string]any(nil), env.history[collection+"/"+id]...)
	env.mu.Unlock()
	rec, err := env.App.FindRecordById(collection, id)
	if err != nil {
		return append(out, nil)
	}
	return append(out, canonicalMap(rec.FieldsData()))
}

func removedIn(states []map[string]any) bool {
	for _, st := range states {
		if st == nil || st[s.FieldDeleted] == true {
			return true
		}
	}
	return false
}

// inSomeState reports whether re-applying the client's value of field name to one of states
// would change nothing.
func inSomeState(app core.App, m ms.Mutation, name string, value json.RawMessage, states []map[string]any) bool {
	col, err := app.FindCachedCollectionByNameOrId(m.C)
	if err != nil || col.Fields.GetByName(name) == nil {
		return false
	}
	f := col.Fields.GetByName(name)
	client, base := prepared(f, value), prepared(f, m.Base[name])
	_, baseKnown := m.Base[name]
	for _, st := range states {
		if st != nil && contains(f, st[name], client, base, baseKnown) {
			return true
		}
	}
	return false
}

// contains: state holds the client's value (see nothingLost).
func contains(f core.Field, state, client, base any, baseKnown bool) bool {
	if same(state, client) {
		return true
	}
	if baseKnown && same(base, client) {
		return true // an unchanged value was the record's at the base revision
	}
	switch f.(type) {
	case *core.RelationField, *core.SelectField:
		// Without a base, a removal cannot be told from an addition: only the value itself counts.
		return baseKnown && setContains(state, client, base)
	case *core.FileField:
		return filesContain(state, client)
	}
	c, okC := client.(string)
	st, okS := state.(string)
	b, _ := base.(string)
	if !okC || !okS || !baseKnown {
		return false
	}
	merged, ok := ms.MergeText(b, st, c)
	return ok && merged == st
}

func setContains(state, client, base any) bool {
	have, was := set(state), set(base)
	for v := range set(client) {
		if !was[v] && !have[v] {
			return false
		}
	}
	now := set(client)
	for v := range was {
		if !now[v] && have[v] {
			return false
		}
	}
	return true
}

// filesContain: every pushed media id became a stored file named after it, every kept file
// name is still there.
func filesContain(state, client any) bool {
	have := set(state)
	for v := range set(client) {
		if strings.Contains(v, ".") {
			if !have[v] {
				return false
			}
			continue
		}
		found := false
		for h := range have {
			found = found || strings.HasPrefix(h, v)
		}
		if !found {
			return false
		}
	}
	return true
}

func prepared(f core.Field, raw json.RawMessage) any {
	if raw == nil {
		return nil
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return nil
	}
	p, err := f.PrepareValue(core.NewRecord(&core.Collection{}), v)
	if err != nil {
		return v
	}
	var out any
	b, _ := json.Marshal(p)
	_ = json.Unmarshal(b, &out)
	return out
}

func set(v any) map[string]bool {
	out := map[string]bool{}
	switch v := v.(type) {
	case string:
		if v != "" {
			out[v] = true
		}
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok && s != "" {
				out[s] = true
			}
		}
	}
	return out
}

// same compares canonical values, empty values (null, "", 0, false, [], {}) being equal.
func same(a, b any) bool {
	if empty(a) && empty(b) {
		return true
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

func empty(v any) bool {
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

// conflictRows returns the syncConflicts rows a mutation produced.
func conflictRows(app core.App, client string, mseq int64) ([]*core.Record, error) {
	rows, err := app.FindAllRecords(s.SyncConflicts, dbx.HashExp{s.FieldConflictClientID: client, s.FieldConflictMseq: mseq})
	if err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	return rows, nil
}

func hasKind(rows []*core.Record, kind string) bool {
	for _, r := range rows {
		if r.GetString(s.FieldConflictKind) == kind {
			return true
		}
	}
	return false
}

// keptInRow: a field conflict row of the mutation holds the client's value of field name.
func keptInRow(app core.App, m ms.Mutation, rows []*core.Record, name string, value json.RawMessage) bool {
	col, err := app.FindCachedCollectionByNameOrId(m.C)
	if err != nil || col.Fields.GetByName(name) == nil {
		return false
	}
	client := prepared(col.Fields.GetByName(name), value)
	for _, r := range rows {
		var kept any
		_ = json.Unmarshal([]byte(r.GetString(s.FieldConflictClient)), &kept)
		if r.GetString(s.FieldConflictField) == name && same(kept, client) {
			return true
		}
	}
	return false
}
