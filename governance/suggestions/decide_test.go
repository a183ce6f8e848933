package suggestions_test

import (
	"slices"

	"testing"

	"github.com/pocketbase/dbx"

	s "github.com/maillage/maillage/schema"
)

// TestAcceptFieldByField: the author accepts the name and not the description; the record
// changes by a normal save, the suggestion is partlyAccepted with the decided fields, and the
// suggester reads it. A second decision is refused.
func TestAcceptFieldByField(t *testing.T) {
	w := newWorld(t)
	_, id := suggest(t, w.resident, w.public, map[string]any{"name": "Jardin des Lilas", "description": "ouvert le samedi"})
	st, out := call(t, w.author, "POST", "/api/maillage/suggestions/"+id+"/accept", map[string]any{"fields": []string{"name"}})
	if st != 200 {
		t.Fatalf("accept: %d %v", st, out)
	}
	rec := w.reload(t, w.public)
	if rec.GetString("name") != "Jardin des Lilas" || rec.GetString("description") != "avant" {
		t.Fatalf("record after accepting the name only: name %q description %q", rec.GetString("name"), rec.GetString("description"))
	}
	_, seen := call(t, w.resident, "GET", "/api/collections/suggestions/records/"+id, nil)
	if seen[s.FieldSuggestionStatus] != s.SuggestionPartlyAccepted || seen[s.FieldSuggestionDecidedBy] != w.author.ID() {
		t.Fatalf("the suggester sees %v", seen)
	}
	if d, _ := seen[s.FieldSuggestionDecided].([]any); !slices.Equal(d, []any{"name"}) {
		t.Fatalf("decided fields %v", seen[s.FieldSuggestionDecided])
	}
	if st, _ := call(t, w.author, "POST", "/api/maillage/suggestions/"+id+"/decline", map[string]any{"reason": "non"}); st == 200 {
		t.Fatal("a decided suggestion was decided again")
	}
}

// TestDeclineWithReason: declining needs a reason, which the suggester reads; the record does
// not change. The control: accepting an unproposed field is refused.
func TestDeclineWithReason(t *testing.T) {
	w := newWorld(t)
	_, id := suggest(t, w.resident, w.public, map[string]any{"description": "fermé"})
	if st, _ := call(t, w.author, "POST", "/api/maillage/suggestions/"+id+"/accept", map[string]any{"fields": []string{"name"}}); st != 400 {
		t.Fatalf("accepting a field not proposed: %d", st)
	}
	if st, _ := call(t, w.author, "POST", "/api/maillage/suggestions/"+id+"/decline", map[string]any{}); st != 400 {
		t.Fatalf("declining without a reason: %d", st)
	}
	if st, _ := call(t, w.author, "POST", "/api/maillage/suggestions/"+id+"/decline", map[string]any{"reason": "toujours ouvert"}); st != 200 {
		t.Fatalf("decline: %d", st)
	}
	_, seen := call(t, w.resident, "GET", "/api/collections/suggestions/records/"+id, nil)
	if seen[s.FieldSuggestionStatus] != s.SuggestionDeclined || seen[s.FieldSuggestionReason] != "toujours ouvert" {
		t.Fatalf("the suggester sees %v", seen)
	}
	if w.reload(t, w.public).GetString("description") != "avant" {
		t.Fatal("a declined suggestion changed the record")
	}
}

// TestDecisionsAudited: an accept and a decline each leave one audit log entry naming the
// record and its decider; the control counts none before the decisions.
func TestDecisionsAudited(t *testing.T) {
	w := newWorld(t)
	count := func() int {
		n, err := w.srv.App.CountRecords(s.AuditLog, dbx.HashExp{s.FieldTargetRecordID: w.public.Id, s.FieldAuditActor: w.author.ID()})
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	if count() != 0 {
		t.Fatal("control: audit entries before any decision")
	}
	_, a := suggest(t, w.resident, w.public, map[string]any{"name": "Jardin"})
	_, b := suggest(t, w.resident, w.public, map[string]any{"description": "x"})
	call(t, w.author, "POST", "/api/maillage/suggestions/"+a+"/accept", map[string]any{})
	call(t, w.author, "POST", "/api/maillage/suggestions/"+b+"/decline", map[string]any{"reason": "non"})
	if got := count(); got != 2 {
		t.Fatalf("audit entries after two decisions: %d", got)
	}
}
