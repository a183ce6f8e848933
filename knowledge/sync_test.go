package knowledge_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

const threeParagraphs = "Trouver trois bacs.\n\nMélanger vert et brun.\n\nAttendre six mois."

// TestOfflineEditsMergeAsText: the author and a facilitator edit a page offline on two
// devices, different paragraphs each; both pushes are taken and the page holds both edits
// (the body merges as text through the sync push), and each edit is in the page's revision
// history. The control: two edits of the same paragraph do not merge; the second loses to
// the first and is kept in syncConflicts, so the merge above is the text merge's doing.
func TestOfflineEditsMergeAsText(t *testing.T) {
	w := newWorld(t)
	page := w.page(t, shapes[0])
	page.Set(s.FieldPageBody, threeParagraphs)
	if err := w.srv.App.Save(page); err != nil {
		t.Fatal(err)
	}
	id := page.Id
	a, b := w.people[author].Device(), w.people[facilitator].Device()
	revA, revB := revOf(t, a, id), revOf(t, b, id)

	first := pushBody(t, a, 1, id, revA, strings.Replace(threeParagraphs, "trois bacs", "trois bacs en bois", 1))
	second := pushBody(t, b, 1, id, revB, strings.Replace(threeParagraphs, "six mois", "six à neuf mois", 1))
	if first.Status != ms.StatusApplied || second.Status != ms.StatusMerged {
		t.Fatalf("statuses %s then %s, want applied then merged (%+v)", first.Status, second.Status, second)
	}
	want := "Trouver trois bacs en bois.\n\nMélanger vert et brun.\n\nAttendre six à neuf mois."
	if got := bodyOf(t, w, id); got != want {
		t.Fatalf("body %q, want both edits %q", got, want)
	}
	if n := revisionsOf(t, w, id); n < 3 {
		t.Fatalf("%d revisions of the page, want its creation and both edits", n)
	}

	third := pushBody(t, a, 2, id, revA, strings.Replace(threeParagraphs, "vert et brun", "vert, brun et eau", 1))
	fourth := pushBody(t, b, 2, id, revB, strings.Replace(threeParagraphs, "vert et brun", "brun puis vert", 1))
	if third.Status != ms.StatusMerged || fourth.Status != ms.StatusConflict || len(fourth.Conflicts) == 0 {
		t.Fatalf("control: overlapping edits gave %s then %s (%+v), want merged then conflict", third.Status, fourth.Status, fourth)
	}
	if got := bodyOf(t, w, id); strings.Contains(got, "brun puis vert") || !strings.Contains(got, "vert, brun et eau") {
		t.Fatalf("control: body %q should keep the first of two overlapping edits", got)
	}
}

// revOf is the page's revision as u's device snapshots it.
func revOf(t *testing.T, u *synctest.User, id string) int64 {
	t.Helper()
	for _, r := range u.SnapshotAll(t, s.Pages, 0).Records {
		if r.ID == id {
			return r.Rev
		}
	}
	t.Fatalf("%s does not receive page %s", u, id)
	return 0
}

// pushBody pushes, as u's device back online, an update of the page's body made offline on
// the body threeParagraphs at rev.
func pushBody(t *testing.T, u *synctest.User, mseq int64, id string, rev int64, body string) ms.Result {
	t.Helper()
	raw := func(v string) json.RawMessage { b, _ := json.Marshal(v); return b }
	res := u.Push(t, ms.PushRequest{Mutations: []ms.Mutation{{Mseq: mseq, C: s.Pages, ID: id, Op: ms.OpUpdate, BaseRev: rev,
		Base: map[string]json.RawMessage{s.FieldPageBody: raw(threeParagraphs)}, Fields: map[string]json.RawMessage{s.FieldPageBody: raw(body)}}}})
	if len(res.Results) != 1 {
		t.Fatalf("push: %+v", res)
	}
	return res.Results[0]
}

func bodyOf(t *testing.T, w *world, id string) string {
	t.Helper()
	r, err := w.srv.App.FindRecordById(s.Pages, id)
	if err != nil {
		t.Fatal(err)
	}
	return r.GetString(s.FieldPageBody)
}

func revisionsOf(t *testing.T, w *world, id string) int {
	t.Helper()
	recs, err := w.srv.App.FindRecordsByFilter(s.Revisions, s.FieldRevisionCollection+" = {:c} && "+s.FieldRevisionRecord+" = {:id}",
		"", 0, 0, dbx.Params{"c": s.Pages, "id": id})
	if err != nil {
		t.Fatal(err)
	}
	return len(recs)
}
