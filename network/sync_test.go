package network_test

import (
	"encoding/json"
	"slices"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

func raw(t *testing.T, fields map[string]any) map[string]json.RawMessage {
	t.Helper()
	out := map[string]json.RawMessage{}
	for k, v := range fields {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[k] = b
	}
	return out
}

func pushOne(t *testing.T, u *synctest.User, m ms.Mutation) ms.Result {
	t.Helper()
	m.Mseq = 1
	res := u.Push(t, ms.PushRequest{Mutations: []ms.Mutation{m}})
	if len(res.Results) != 1 {
		t.Fatalf("push as %s: %d results", u, len(res.Results))
	}
	return res.Results[0]
}

// TestLinksThroughSync: a proposal queued offline by the source editor is applied, the same
// proposal by a resident who speaks for neither node is rejected, and the target editor's
// confirmation goes through the sync too.
func TestLinksThroughSync(t *testing.T) {
	w := newWorld(t)
	id := synctest.NewID()
	proposal := map[string]any{
		s.FieldLinkFromCollection: s.Organisations, s.FieldLinkFromID: w.source.Id,
		s.FieldLinkToCollection: s.Initiatives, s.FieldLinkToID: w.target.Id, s.FieldLinkType: "other",
		s.FieldVisibility: s.VisibilityPublic, s.FieldStatus: s.LinkProposed,
	}
	resident := w.users[pResident]
	proposal[s.FieldAuthor] = resident.ID()
	if r := pushOne(t, resident, ms.Mutation{C: s.Links, ID: id, Op: "create", Fields: raw(t, proposal)}); r.Status != ms.StatusRejected {
		t.Errorf("a resident's proposal: %s, want rejected", r.Status)
	}
	source := w.users[pSource]
	proposal[s.FieldAuthor] = source.ID()
	if r := pushOne(t, source, ms.Mutation{C: s.Links, ID: id, Op: "create", Fields: raw(t, proposal)}); r.Status != ms.StatusApplied {
		t.Fatalf("the source editor's proposal: %s %s, want applied", r.Status, r.Message)
	}
	confirm := ms.Mutation{C: s.Links, ID: id, Op: "update", BaseRev: 1,
		Base: raw(t, map[string]any{s.FieldStatus: s.LinkProposed}), Fields: raw(t, map[string]any{s.FieldStatus: s.LinkConfirmed})}
	if r := pushOne(t, w.users[pTarget], confirm); r.Status != ms.StatusApplied {
		t.Fatalf("the target editor's confirmation: %s %s, want applied", r.Status, r.Message)
	}
	link, err := w.srv.App.FindRecordById(s.Links, id)
	if err != nil || link.GetString(s.FieldStatus) != s.LinkConfirmed {
		t.Errorf("link after the confirmation: %v %v", link, err)
	}
}

// TestLinksSnapshotLeakChecked: each person's snapshot of links holds exactly the links the
// REST API lists for them (synctest checks every row), and anonymous visitors get no
// proposal, private note or link to a private node.
func TestLinksSnapshotLeakChecked(t *testing.T) {
	w := newWorld(t)
	for _, p := range people {
		snap := w.users[p].SnapshotAll(t, s.Links, 100)
		if p != pAnonymous {
			continue
		}
		var ids []string
		for _, r := range snap.Records {
			ids = append(ids, r.ID)
		}
		for _, hidden := range []string{w.proposed.Id, w.note.Id, w.toHidden.Id} {
			if slices.Contains(ids, hidden) {
				t.Errorf("anonymous snapshot has %s", hidden)
			}
		}
	}
}
