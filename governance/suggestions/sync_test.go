package suggestions_test

import (
	"encoding/json"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

func raw(m map[string]any) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for k, v := range m {
		out[k], _ = json.Marshal(v)
	}
	return out
}

// pushOne pushes one mutation as u's device and returns its result.
func pushOne(t *testing.T, u *synctest.User, mseq int64, m ms.Mutation) ms.Result {
	t.Helper()
	m.Mseq = mseq
	res := u.Push(t, ms.PushRequest{Mutations: []ms.Mutation{m}})
	if len(res.Results) != 1 {
		t.Fatalf("push: %+v", res)
	}
	return res.Results[0]
}

func update(rec *core.Record, fields, base map[string]any) ms.Mutation {
	return ms.Mutation{C: rec.Collection().Name, ID: rec.Id, Op: ms.OpUpdate, Fields: raw(fields), Base: raw(base)}
}

// TestPushedUpdateOfReadOnlyRecordIsSuggested: a resident's device pushes an update of the
// author's public record: the result is "suggested" with the id of a pending suggestion holding
// the pushed values and the base as seen; the record is unchanged. Controls: the author's own
// update is applied, and an update of a record the resident cannot read stays rejected (no
// suggestion reveals or reaches it).
func TestPushedUpdateOfReadOnlyRecordIsSuggested(t *testing.T) {
	w := newWorld(t)
	res := pushOne(t, w.resident, 1, update(w.public, map[string]any{"description": "ouvert le dimanche"}, map[string]any{"description": "avant"}))
	if res.Status != ms.StatusSuggested || res.Suggestion == "" {
		t.Fatalf("pushed update of a read-only record: %+v", res)
	}
	sug, err := w.srv.App.FindRecordById(s.Suggestions, res.Suggestion)
	if err != nil {
		t.Fatalf("the suggestion %s: %v", res.Suggestion, err)
	}
	if sug.GetString(s.FieldAuthor) != w.resident.ID() || sug.GetString(s.FieldSuggestionStatus) != s.SuggestionPending ||
		!jsonHas(sug, s.FieldSuggestionFields, "description", "ouvert le dimanche") || !jsonHas(sug, s.FieldSuggestionSeen, "description", "avant") {
		t.Fatalf("suggestion saved: %v", sug.PublicExport())
	}
	if w.reload(t, w.public).GetString("description") != "avant" {
		t.Fatal("the suggested update changed the record")
	}
	if again := pushOne(t, w.resident, 1, update(w.public, map[string]any{"description": "x"}, nil)); again.OriginalStatus != ms.StatusSuggested || again.Suggestion != res.Suggestion {
		t.Fatalf("replay of the suggested update: %+v", again)
	}

	if own := pushOne(t, w.author, 1, update(w.public, map[string]any{"description": "par l'auteur"}, map[string]any{"description": "avant"})); own.Status != ms.StatusApplied {
		t.Fatalf("control: the author's own update: %+v", own)
	}
	if hidden := pushOne(t, w.other, 1, update(w.group, map[string]any{"description": "x"}, nil)); hidden.Status != ms.StatusRejected {
		t.Fatalf("control: an update of an unreadable record: %+v", hidden)
	}
}

// TestSuggestionComposedOfflineIsACreate: a suggestion queued offline is pushed as a create of
// a suggestions record, and a refused one (on a record its author may edit) is rejected with
// the reason by field.
func TestSuggestionComposedOfflineIsACreate(t *testing.T) {
	w := newWorld(t)
	m := func(u *synctest.User) ms.Mutation {
		return ms.Mutation{C: s.Suggestions, ID: synctest.NewID(), Op: ms.OpCreate, Fields: raw(map[string]any{
			s.FieldSuggestionCollection: s.Initiatives, s.FieldSuggestionRecord: w.public.Id, s.FieldAuthor: u.ID(),
			s.FieldSuggestionFields: map[string]any{"name": "Jardin"}, s.FieldSuggestionComment: "vu sur place",
		})}
	}
	if res := pushOne(t, w.resident, 1, m(w.resident)); res.Status != ms.StatusApplied {
		t.Fatalf("offline suggestion: %+v", res)
	}
	if res := pushOne(t, w.author, 1, m(w.author)); res.Status != ms.StatusRejected || res.FieldErrors[s.FieldSuggestionRecord] == "" {
		t.Fatalf("control: the author's suggestion on their own record: %+v", res)
	}
}

// TestRefusedPushExplainsFieldsAsREST: a create pushed without its author, and one in a
// community its author is not a member of, are rejected with the same field error as the
// REST API gives for the same body.
func TestRefusedPushExplainsFieldsAsREST(t *testing.T) {
	w := newWorld(t)
	for i, c := range []struct {
		field string
		body  map[string]any
	}{
		{s.FieldAuthor, map[string]any{"name": "Sans auteur"}},
		{s.FieldCommunity, map[string]any{"name": "Ailleurs", s.FieldAuthor: w.resident.ID(), s.FieldCommunity: w.group.GetString(s.FieldCommunity)}},
	} {
		res := pushOne(t, w.resident, int64(i+1), ms.Mutation{C: s.Initiatives, ID: synctest.NewID(), Op: ms.OpCreate, Fields: raw(c.body)})
		st, out := call(t, w.resident, "POST", "/api/collections/initiatives/records", c.body)
		data, _ := out["data"].(map[string]any)
		restField, _ := data[c.field].(map[string]any)
		if st != 400 || restField == nil {
			t.Fatalf("REST %v: %d %v", c.body, st, out)
		}
		if res.Status != ms.StatusRejected || res.FieldErrors[c.field] == "" || res.FieldErrors[c.field] != restField["message"] {
			t.Fatalf("push %v: %+v, REST says %v", c.body, res, restField)
		}
	}
}

// jsonHas reports whether the JSON object field of rec holds value at key.
func jsonHas(rec *core.Record, field, key string, value any) bool {
	var m map[string]any
	b, _ := json.Marshal(rec.Get(field))
	_ = json.Unmarshal(b, &m)
	return m[key] == value
}

// TestRefusedPushedUpdateExplainsFieldsAsREST: the author may change their record but not its
// status; the pushed update is rejected (not suggested) with the field error REST gives.
func TestRefusedPushedUpdateExplainsFieldsAsREST(t *testing.T) {
	w := newWorld(t)
	body := map[string]any{s.FieldStatus: s.StatusArchived}
	res := pushOne(t, w.author, 1, update(w.public, body, map[string]any{s.FieldStatus: s.StatusPublished}))
	st, out := call(t, w.author, "PATCH", "/api/collections/initiatives/records/"+w.public.Id, body)
	data, _ := out["data"].(map[string]any)
	restField, _ := data[s.FieldStatus].(map[string]any)
	if st != 400 || restField == nil {
		t.Fatalf("REST: %d %v", st, out)
	}
	if res.Status != ms.StatusRejected || res.FieldErrors[s.FieldStatus] != restField["message"] {
		t.Fatalf("push: %+v, REST says %v", res, restField)
	}
}
