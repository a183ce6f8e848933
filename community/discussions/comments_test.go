package discussions_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// postComment creates a comment as u through the REST API and returns the status and the
// record (or error) it answers.
func postComment(t *testing.T, u *synctest.User, target *rec, parent string) (int, map[string]any) {
	t.Helper()
	status, data, err := u.Call(http.MethodPost, "/api/collections/comments/records", map[string]any{
		s.FieldAuthor: u.ID(), s.FieldCommentTarget: target.coll, s.FieldCommentTargetID: target.id,
		s.FieldCommentParent: parent, s.FieldDiscussionText: "D'accord"})
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return status, out
}

// TestReplyToReplyAttachesToTop: replies are one level deep, a reply to a reply answers the
// top comment.
func TestReplyToReplyAttachesToTop(t *testing.T) {
	srv := synctest.Serve(t, clone(t))
	target := wd.byLabel("initiatives/public")
	top, reply := wd.byLabel("comments/on-initiatives-public"), wd.byLabel("comments/reply")
	status, got := postComment(t, syncUser(srv, member), target, reply.id)
	if status != http.StatusOK || got[s.FieldCommentParent] != top.id {
		t.Fatalf("reply to a reply: %d, parent %v, want 200 and %s (the top comment)", status, got[s.FieldCommentParent], top.id)
	}
	if status, got = postComment(t, syncUser(srv, member), target, top.id); got[s.FieldCommentParent] != top.id {
		t.Fatalf("control, reply to the top comment: %d, parent %v, want %s", status, got[s.FieldCommentParent], top.id)
	}
}

// TestReplyElsewhereRefused: a reply names a comment of the same record.
func TestReplyElsewhereRefused(t *testing.T) {
	srv := synctest.Serve(t, clone(t))
	other := wd.byLabel("comments/on-threads-public")
	status, got := postComment(t, syncUser(srv, member), wd.byLabel("initiatives/public"), other.id)
	if status != http.StatusBadRequest || !strings.Contains(toJSON(got), "comment_parent_elsewhere") {
		t.Fatalf("reply to a comment of another record: %d %v, want 400 comment_parent_elsewhere", status, got)
	}
}

// TestCommentOnUnreadableTargetSaysNothingOfIt: a target one may not read and one that does
// not exist are refused alike, so that the refusal reveals nothing.
func TestCommentOnUnreadableTargetSaysNothingOfIt(t *testing.T) {
	srv := synctest.Serve(t, clone(t))
	u := syncUser(srv, resident)
	st1, private := postComment(t, u, wd.byLabel("initiatives/private"), "")
	st2, missing := postComment(t, u, &rec{coll: s.Initiatives, id: "nosuchrecord000"}, "")
	if st1 != http.StatusBadRequest || st2 != http.StatusBadRequest || toJSON(private["data"]) != toJSON(missing["data"]) {
		t.Fatalf("private target: %d %v; missing target: %d %v; want the same 400", st1, private, st2, missing)
	}
	if !strings.Contains(toJSON(private), "comment_target_unreadable") {
		t.Fatalf("refusal %v does not name comment_target_unreadable", private)
	}
}

// TestCommentsFollowTheirTarget: a target made private takes its comments out of others'
// reach at once. The control writes the same change behind the hooks' back (raw SQL): the
// comment then stays readable, which is what the test would see without the hook.
func TestCommentsFollowTheirTarget(t *testing.T) {
	for _, raw := range []bool{false, true} {
		srv := synctest.Serve(t, clone(t))
		target, comment := wd.byLabel("initiatives/public"), wd.byLabel("comments/on-initiatives-public")
		reader := syncUser(srv, resident)
		if st := view(t, reader, comment.id); st != http.StatusOK {
			t.Fatalf("before: resident views the comment: %d, want 200", st)
		}
		makePrivate(t, srv, target.id, raw)
		want := http.StatusNotFound
		if raw {
			want = http.StatusOK
		}
		if st := view(t, reader, comment.id); st != want {
			t.Errorf("target made private (raw SQL %v): resident views the comment: %d, want %d", raw, st, want)
		}
	}
}

// TestDeletingTargetDeletesComments: a thread deleted takes its comments with it.
func TestDeletingTargetDeletesComments(t *testing.T) {
	app := clone(t)
	thread := wd.byLabel("threads/public")
	r, err := app.FindRecordById(s.Threads, thread.id)
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Delete(r); err != nil {
		t.Fatalf("delete thread: %v", err)
	}
	left, err := app.CountRecords(s.Comments, dbx.HashExp{s.FieldCommentTargetID: thread.id})
	if err != nil || left != 0 {
		t.Fatalf("comments left on the deleted thread: %d (%v), want 0", left, err)
	}
	if n, _ := app.CountRecords(s.Comments); n == 0 {
		t.Fatalf("control: every comment is gone, not only the thread's")
	}
}

func view(t *testing.T, u *synctest.User, id string) int {
	t.Helper()
	st, _, err := u.Call(http.MethodGet, "/api/collections/comments/records/"+id, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// makePrivate makes an initiative private through the app (hooks run) or, raw, in SQL.
func makePrivate(t *testing.T, srv *synctest.Srv, id string, raw bool) {
	t.Helper()
	if raw {
		if _, err := srv.App.DB().Update(s.Initiatives, dbx.Params{s.FieldVisibility: s.VisibilityPrivate}, dbx.HashExp{"id": id}).Execute(); err != nil {
			t.Fatal(err)
		}
		return
	}
	r, err := srv.App.FindRecordById(s.Initiatives, id)
	if err != nil {
		t.Fatal(err)
	}
	r.Set(s.FieldVisibility, s.VisibilityPrivate)
	if err := srv.App.Save(r); err != nil {
		t.Fatalf("make %s private: %v", id, err)
	}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
