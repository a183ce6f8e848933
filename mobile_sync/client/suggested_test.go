package client

import (
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
)

// TestSuggestedUpdateRestoresServerRecord: an update the server kept as a suggestion is
// journaled with its suggestion's id and the device's record becomes the server's again (r);
// the control: an applied update names no suggestion.
func TestSuggestedUpdateRestoresServerRecord(t *testing.T) {
	c := newTestClient()
	id, err := c.Create("offers", map[string]any{"title": "avant"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Update("offers", id, map[string]any{"title": "après"}); err != nil {
		t.Fatal(err)
	}
	err = c.acknowledge(2, []ms.Result{
		{Mseq: 1, Status: ms.StatusApplied, Rev: 3, R: raw(t, map[string]any{"id": id, "title": "avant"})},
		{Mseq: 2, Status: ms.StatusSuggested, Suggestion: "sugg12345678901", Rev: 3, R: raw(t, map[string]any{"id": id, "title": "avant"})},
	})
	if err != nil {
		t.Fatal(err)
	}
	j := c.Journal()
	if sid, ok := j[1].Suggestion(); !ok || sid != "sugg12345678901" {
		t.Fatalf("journal entry of the suggested update: %+v", j[1].Result)
	}
	if _, ok := j[0].Suggestion(); ok {
		t.Fatal("control: an applied update names a suggestion")
	}
	if rec, ok := c.Get("offers", id); !ok || string(rec["title"]) != `"avant"` {
		t.Fatalf("the device's record after a suggested update: %v", rec)
	}
}
