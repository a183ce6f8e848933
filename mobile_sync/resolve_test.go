package mobilesync

import (
	"encoding/json"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// decodeJSON returns s as encoding/json decodes it into any: the canonical form resolveField
// compares.
func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	if s == "" {
		return nil
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return v
}

func TestResolveField(t *testing.T) {
	cases := []struct {
		name                 string
		policy               Policy
		base, server, client string // JSON; base "" means unknown
		serverChanged        bool
		want                 outcome
		wantValue            string // JSON of the written value
		wantLost             bool
	}{
		{"server already equal", ServerWins, `"a"`, `"b"`, `"b"`, true, keepServer, ``, false},
		{"server unchanged since base", ServerWins, `"a"`, `"a"`, `"c"`, false, applyClient, `"c"`, false},
		{"unknown base, record unchanged", ServerWins, ``, `"a"`, `"c"`, false, applyClient, `"c"`, false},
		{"unknown base, record changed", ServerWins, ``, `"a"`, `"c"`, true, keepServer, ``, true},
		{"both changed, serverWins", ServerWins, `"a"`, `"b"`, `"c"`, false, keepServer, ``, true},
		{"both changed, clientWins", ClientWins, `"a"`, `"b"`, `"c"`, false, applyClient, `"c"`, false},
		{"empty values are equal", ServerWins, `""`, `null`, `""`, true, keepServer, ``, false},
		{"numbers", ServerWins, `1`, `2`, `3`, false, keepServer, ``, true},
		{"set: adds and removes compose", SetMerge, `["a","b"]`, `["a","b","c"]`, `["b","d"]`, false, applyMerged, `["b","c","d"]`, false},
		{"set: both removed the same", SetMerge, `["a","b"]`, `["b"]`, `["b","c"]`, false, applyMerged, `["b","c"]`, false},
		{"set: unknown base unions and keeps the client's set", SetMerge, ``, `["a"]`, `["b"]`, true, applyMerged, `["a","b"]`, true},
		{"set: unknown base, union is the client's", SetMerge, ``, `["a"]`, `["a","b"]`, true, applyMerged, `["a","b"]`, false},
		{"set: merge equals server", SetMerge, `["a"]`, `["a","b"]`, `["a","b","a"]`, false, keepServer, ``, false},
		{"text: different paragraphs", TextMerge, `"p1\n\np2\n\np3"`, `"p1 server\n\np2\n\np3"`, `"p1\n\np2\n\np3 client"`, false,
			applyMerged, `"p1 server\n\np2\n\np3 client"`, false},
		{"text: same paragraph", TextMerge, `"p1\n\np2"`, `"p1 server\n\np2"`, `"p1 client\n\np2"`, false, keepServer, ``, true},
		{"text: unknown base", TextMerge, ``, `"server"`, `"client"`, true, keepServer, ``, true},
		{"text: not a string", TextMerge, `"a"`, `"b"`, `3`, false, keepServer, ``, true},
		{"text: empty base and server", TextMerge, `""`, `""`, `"new"`, false, applyClient, `"new"`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := fieldInput{Policy: c.policy, Server: decodeJSON(t, c.server), Client: decodeJSON(t, c.client),
				ServerChanged: c.serverChanged, BaseKnown: c.base != "", Base: decodeJSON(t, c.base)}
			d := resolveField(in)
			if d.Outcome != c.want || d.Lost != c.wantLost {
				t.Fatalf("got outcome %d lost %v, want %d lost %v", d.Outcome, d.Lost, c.want, c.wantLost)
			}
			if c.wantValue != "" && !sameValue(d.Value, decodeJSON(t, c.wantValue)) {
				t.Errorf("got value %#v, want %s", d.Value, c.wantValue)
			}
		})
	}
}

// TestResolveFieldNeverDropsClientValue: whatever the inputs, the client value is written,
// merged in, already on the server, or reported lost, so nothing vanishes silently.
func TestResolveFieldNeverDropsClientValue(t *testing.T) {
	scalars := []string{``, `""`, `"a"`, `"b"`, `"a\nb"`, `3`, `true`}
	sets := []string{``, `[]`, `["a"]`, `["b"]`, `["a","b"]`, `["b","c"]`}
	for _, p := range []Policy{ServerWins, ClientWins, SetMerge, TextMerge} {
		values := scalars
		if p == SetMerge {
			values = sets
		}
		for _, b := range values {
			for _, sv := range values {
				for _, cl := range values[1:] {
					in := fieldInput{Policy: p, Base: decodeJSON(t, b), BaseKnown: b != "", Server: decodeJSON(t, sv),
						Client: decodeJSON(t, cl), ServerChanged: true}
					if !clientIntentKept(in, resolveField(in)) {
						t.Errorf("%s base %s server %s client %s: client value dropped without a conflict", p, b, sv, cl)
					}
				}
			}
		}
	}
}

// clientIntentKept: the decision keeps the client's value (for sets: its adds and removes
// relative to its base) in the record, or reports it lost. A value equal to the client's base
// was the record's at that revision already.
func clientIntentKept(in fieldInput, d decision) bool {
	result := in.Server
	if d.Outcome != keepServer {
		result = d.Value
	}
	if d.Lost || sameValue(result, in.Client) {
		return true
	}
	if in.BaseKnown && sameValue(in.Base, in.Client) {
		return true // unchanged by the client: its value is the record's at the base revision
	}
	if in.Policy != SetMerge {
		return false
	}
	base, got := toSet(in.Base), toSet(result)
	for _, v := range toList(in.Client) {
		if !base[v] && !got[v] {
			return false // an add is missing
		}
	}
	client := toSet(in.Client)
	for v := range base {
		if !client[v] && got[v] {
			return false // a remove is undone
		}
	}
	return true
}

func TestDefaultPolicy(t *testing.T) {
	cases := []struct {
		field core.Field
		want  Policy
	}{
		{&core.RelationField{Name: "categories", MaxSelect: 5}, SetMerge},
		{&core.RelationField{Name: "organisation", MaxSelect: 1}, ServerWins},
		{&core.SelectField{Name: "tags", MaxSelect: 3}, SetMerge},
		{&core.SelectField{Name: "kind", MaxSelect: 1}, ServerWins},
		{&core.FileField{Name: "photos", MaxSelect: 4}, SetMerge},
		{&core.TextField{Name: "description", Max: 500}, TextMerge},
		{&core.TextField{Name: "notes"}, TextMerge},
		{&core.TextField{Name: "name", Max: 200}, ServerWins},
		{&core.EditorField{Name: "body"}, TextMerge},
		{&core.NumberField{Name: "price"}, ServerWins},
	}
	for _, c := range cases {
		if got := defaultPolicy(c.field); got != c.want {
			t.Errorf("%s: got %s, want %s", c.field.GetName(), got, c.want)
		}
	}
	cfg := Config{Policies: map[string]map[string]Policy{"initiatives": {"name": ClientWins}}}
	if got := policyFor(cfg, "initiatives", &core.TextField{Name: "name", Max: 200}); got != ClientWins {
		t.Errorf("configured policy: got %s, want %s", got, ClientWins)
	}
}
