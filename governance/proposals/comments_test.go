package proposals_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// commentOn posts a comment on proposal p as u; it returns the status and the answer.
func commentOn(t *testing.T, u *synctest.User, p *core.Record, text string) (int, string) {
	t.Helper()
	status, data, err := u.Call(http.MethodPost, rec(s.Comments, ""), map[string]any{s.FieldAuthor: u.ID(),
		s.FieldCommentTarget: s.Proposals, s.FieldCommentTargetID: p.Id, s.FieldDiscussionText: text})
	if err != nil {
		t.Fatal(err)
	}
	return status, string(data)
}

// mustComment comments and returns the comment's id.
func mustComment(t *testing.T, u *synctest.User, p *core.Record, text string) string {
	t.Helper()
	status, body := commentOn(t, u, p, text)
	var out struct{ ID string }
	if status != http.StatusOK || json.Unmarshal([]byte(body), &out) != nil {
		t.Fatalf("%s comments on %s: %d %s", u, p.GetString(s.FieldProposalTitle), status, body)
	}
	return out.ID
}

// commentsSeen lists the ids of p's comments u reads through the REST API.
func commentsSeen(t *testing.T, u *synctest.User, p *core.Record) []string {
	t.Helper()
	var page struct{ Items []struct{ ID string } }
	filter := url.QueryEscape(`collection="proposals" && recordId="` + p.Id + `"`)
	u.MustCall(t, http.MethodGet, rec(s.Comments, "")+"?filter="+filter, nil, &page)
	var ids []string
	for _, c := range page.Items {
		ids = append(ids, c.ID)
	}
	return ids
}

// TestCommentsOnProposals: during consultation whoever reads a proposal comments on it, and
// its comments are read by its readers only (a community's proposal: its members and
// moderators), on the API and through sync; a draft takes none, and once the vote opens the
// comments stay, read-only; a proposal deleted takes its comments. Negative control: a comment
// whose copied visibility is made public (as if the target's readers were not copied) is read
// by the outsider, which the read check catches.
func TestCommentsOnProposals(t *testing.T) {
	m := newMatrixWorld(t)
	open := mustComment(t, m.facilitator, m.consult, "Bonne idée")
	pending := mustComment(t, m.resident, m.consult, "Et l'entretien ?")
	inGroup := mustComment(t, m.moderator, m.inGroup, "Entre membres")
	if got := commentsSeen(t, m.anonymous, m.consult); len(got) != 1 || got[0] != open {
		t.Errorf("anonymous reads %v of the public proposal's comments, want only the published %s", got, open)
	}
	for _, c := range []struct {
		who  *synctest.User
		want int
	}{{m.other, 1}, {m.resident, 0}, {m.anonymous, 0}, {m.moderator, 1}} {
		if got := commentsSeen(t, c.who, m.inGroup); len(got) != c.want {
			t.Errorf("%s reads %d comments of the community's proposal, want %d", c.who, len(got), c.want)
		}
	}
	for _, c := range []struct {
		who  *synctest.User
		want bool
	}{{m.other, true}, {m.resident, false}} {
		if got := synced(t, c.who, inGroup); got != c.want {
			t.Errorf("%s's device gets the community proposal's comment: %v, want %v", c.who, got, c.want)
		}
	}
	if status, body := commentOn(t, m.resident, m.inGroup, "Je m'invite"); status != http.StatusBadRequest || !strings.Contains(body, "comment_target_unreadable") {
		t.Errorf("an outsider comments on a community's proposal: %d %s", status, body)
	}
	if status, body := commentOn(t, m.author, m.draft, "Brouillon"); status != http.StatusBadRequest || !strings.Contains(body, "comment_proposal_closed") {
		t.Errorf("a comment on a draft: %d %s, want 400 comment_proposal_closed", status, body)
	}
	m.setPhase(t, m.consult, s.PhaseVote)
	if status, body := commentOn(t, m.other, m.consult, "Trop tard"); status != http.StatusBadRequest || !strings.Contains(body, "comment_proposal_closed") {
		t.Errorf("a comment during the vote: %d %s, want 400 comment_proposal_closed", status, body)
	}
	if status := call(m.facilitator, http.MethodPatch, rec(s.Comments, open), map[string]any{s.FieldDiscussionText: "Modifié"}); status != http.StatusBadRequest {
		t.Errorf("a comment edited during the vote: %d, want 400", status)
	}
	if got := commentsSeen(t, m.anonymous, m.consult); len(got) != 1 {
		t.Errorf("after the consultation anonymous reads %v, want the published comment still", got)
	}
	if status := call(m.moderator, http.MethodPatch, rec(s.Comments, pending), map[string]any{s.FieldStatus: s.StatusPublished}); status != http.StatusOK {
		t.Errorf("a moderator publishes a pending comment after the consultation: %d, want 200", status)
	}
	if status := call(m.moderator, http.MethodDelete, rec(s.Proposals, m.consult.Id), nil); status != http.StatusNoContent {
		t.Fatalf("a moderator deletes the proposal: %d", status)
	}
	if left, err := m.srv.App.FindAllRecords(s.Comments, dbx.HashExp{s.FieldCommentTargetID: m.consult.Id}); err != nil || len(left) != 0 {
		t.Errorf("a deleted proposal left %d comments (%v)", len(left), err)
	}
	if _, err := m.srv.App.DB().NewQuery("UPDATE comments SET visibility = 'public' WHERE id = {:id}").Bind(map[string]any{"id": inGroup}).Execute(); err != nil {
		t.Fatal(err)
	}
	if got := commentsSeen(t, m.resident, m.inGroup); len(got) != 1 {
		t.Errorf("control: a comment made public by hand is still hidden from the outsider (%v): the read check proves nothing", got)
	}
}

// synced reports whether u's device gets comment id in a snapshot of the comments (the sync
// applies the comments' read rule; SnapshotAll also checks every row against REST).
func synced(t *testing.T, u *synctest.User, id string) bool {
	t.Helper()
	for _, r := range u.SnapshotAll(t, s.Comments, 0).Records {
		if r.ID == id {
			return true
		}
	}
	return false
}
