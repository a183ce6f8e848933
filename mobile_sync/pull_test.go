package mobilesync_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// Info tells where the change log stands.
func TestInfo(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	newContent(t, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic)
	info := srv.Anonymous().Info(t)
	var lastMigration string
	if err := srv.App.DB().NewQuery("SELECT file FROM _migrations ORDER BY applied DESC, file DESC LIMIT 1").Row(&lastMigration); err != nil {
		t.Fatalf("last migration: %v", err)
	}
	want := ms.Info{Protocol: ms.Protocol, Epoch: info.Epoch, HeadSeq: logHead(t, srv.App), MinSeq: 0,
		SchemaVersion: lastMigration, Collections: ms.DefaultConfig().Collections}
	if info.Epoch == "" || !slices.Equal(info.Collections, want.Collections) || info.HeadSeq != want.HeadSeq ||
		info.SchemaVersion != want.SchemaVersion || info.Protocol != want.Protocol || info.MinSeq != 0 {
		t.Errorf("info = %+v, want %+v", info, want)
	}
}

// Pages of a pull follow one another without gaps or repeats: each record once, at its latest
// revision, in seq order.
func TestPullPages(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	start := fac.PullAll(t, "").Cursor
	var ids []string
	for range 5 {
		ids = append(ids, newContent(t, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic).Id)
	}
	save(t, srv.App, s.Initiatives, ids[0], map[string]any{"name": "again"}) // moves to the end
	var got []string
	var last int64
	cur := start
	for pages := 1; ; pages++ {
		page := fac.Pull(t, ms.PullRequest{Cursor: cur, Limit: 2, Collections: []string{s.Initiatives}})
		for _, c := range page.Changes {
			if c.Rev <= last {
				t.Fatalf("rev %d after %d", c.Rev, last)
			}
			last = c.Rev
			got = append(got, c.ID)
		}
		cur = page.Cursor
		if !page.HasMore {
			if pages != 3 {
				t.Errorf("%d pages of 2 for 5 changes, want 3", pages)
			}
			break
		}
	}
	want := append(slices.Clone(ids[1:]), ids[0])
	if !slices.Equal(got, want) {
		t.Errorf("pulled %v, want %v", got, want)
	}
	if again := fac.Pull(t, ms.PullRequest{Cursor: cur}); len(again.Changes) != 0 || again.HasMore {
		t.Errorf("pull at the head brought %d changes, hasMore %v", len(again.Changes), again.HasMore)
	}
}

// A cursor below the pruning horizon, ahead of the head, or made before a list rule changed
// gets a reset of every collection asked for.
func TestPullResets(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	old := fac.PullAll(t, "").Cursor
	r := newContent(t, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic)
	if err := srv.App.Delete(r); err != nil {
		t.Fatalf("delete: %v", err)
	}
	cur := fac.PullAll(t, old).Cursor
	decoded, err := ms.DecodeCursorForTest(cur)
	if err != nil {
		t.Fatalf("decode cursor: %v", err)
	}
	ahead := ms.EncodeCursorForTest(decoded.Epoch, decoded.Seq+10, decoded.Scope)
	wantReset(t, fac, ahead, ms.ResetAhead, false)

	if err := ms.PruneTombstonesForTest(srv.App, decoded.Seq); err != nil {
		t.Fatalf("prune: %v", err)
	}
	if info := fac.Info(t); info.MinSeq != decoded.Seq {
		t.Errorf("minSeq after pruning = %d, want %d", info.MinSeq, decoded.Seq)
	}
	wantReset(t, fac, old, ms.ResetPruned, false)
	if page := fac.Pull(t, ms.PullRequest{Cursor: cur}); page.Reset != nil {
		t.Errorf("a cursor at the horizon got a reset: %+v", page.Reset)
	}

	coll, err := srv.App.FindCollectionByNameOrId(s.Categories)
	if err != nil {
		t.Fatalf("categories: %v", err)
	}
	coll.ListRule = ptr(`@request.auth.id != ""`)
	if err := srv.App.Save(coll); err != nil {
		t.Fatalf("change rule: %v", err)
	}
	wantReset(t, fac, cur, ms.ResetRules, true)
}

// wantReset pulls from cursor and expects a reset of every synced collection for reason.
func wantReset(t *testing.T, u *synctest.User, cursor, reason string, keep bool) {
	t.Helper()
	page := u.Pull(t, ms.PullRequest{Cursor: cursor})
	if page.Reset == nil || page.Reset.Reason != reason || len(page.Reset.Collections) != len(ms.DefaultConfig().Collections) {
		t.Fatalf("reset = %+v, want %s of all collections", page.Reset, reason)
	}
	if len(page.Changes) != 0 {
		t.Fatalf("%s reset came with %d changes, want none", reason, len(page.Changes))
	}
	got, err := ms.DecodeCursorForTest(page.Cursor)
	if err != nil {
		t.Fatalf("%s reset: cursor %q: %v", reason, page.Cursor, err)
	}
	want := u.Info(t).HeadSeq
	if keep {
		old, _ := ms.DecodeCursorForTest(cursor)
		want = old.Seq
	}
	if got.Seq != want {
		t.Fatalf("%s reset: cursor at %d, want %d (kept=%v)", reason, got.Seq, want, keep)
	}
	if again := u.Pull(t, ms.PullRequest{Cursor: page.Cursor}); again.Reset != nil {
		t.Fatalf("the cursor of a %s reset gets another reset: %+v", reason, again.Reset)
	}
}

// Bad pull requests get a 400 that says what to do, and nothing is read for them.
func TestPullRefusesBadRequests(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	u := srv.Anonymous()
	for name, c := range map[string]struct {
		body any
		want string
	}{
		"not JSON":   {"[", "n'est pas du JSON valide"},
		"bad cursor": {ms.PullRequest{Cursor: "not-a-cursor"}, "curseur vide"},
		"unsynced":   {ms.PullRequest{Collections: []string{s.Users}}, "n'est pas synchronisée"},
	} {
		status, body, err := u.Call(http.MethodPost, "/api/sync/pull", c.body)
		if err != nil || status != http.StatusBadRequest || !strings.Contains(string(body), c.want) {
			t.Errorf("%s: status %d body %s err %v, want 400 mentioning %q", name, status, body, err, c.want)
		}
	}
}

func ptr(s string) *string { return &s }
