package moderation_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/maillage/maillage/governance/moderation"
	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// TestAReportedWikiPageIsHiddenAndQueued: a wiki page is reported like any record; two reports
// leave it listed (the control), the third hides it from readers and puts it in the
// moderators' queue, and a moderator's keep shows it again.
func TestAReportedWikiPageIsHiddenAndQueued(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	mod := srv.NewUser(t, "mod@example.org", s.RoleModerator)
	watcher := srv.NewUser(t, "watcher@example.org", s.RoleResident)
	page := testapp.NewRecord(t, srv.App, s.Pages, map[string]any{s.FieldPageTitle: "Réparer son vélo",
		s.FieldPageBody: "Une rustine, une clé de 15.", s.FieldAuthor: fac.ID(), s.FieldVisibility: s.VisibilityPublic})
	rs := users(t, srv, s.RoleResident, "r1", "r2", "r3")
	mustReport(t, rs[0], s.Pages, page.Id)
	mustReport(t, rs[1], s.Pages, page.Id)
	if !lists(t, watcher, s.Pages, page.Id) {
		t.Fatal("two reports hid the page")
	}
	mustReport(t, rs[2], s.Pages, page.Id)
	if lists(t, watcher, s.Pages, page.Id) {
		t.Fatal("a page reported three times is still listed")
	}
	if !queued(t, mod, page.Id) {
		t.Fatal("the hidden page is not in the moderators' queue")
	}
	mustVote(t, mod, s.Pages, page.Id, s.VoteValidate, "Rien d'insultant")
	if !lists(t, watcher, s.Pages, page.Id) {
		t.Fatal("the page kept by a moderator is not listed again")
	}
	checkAudit(t, srv.App, page.Id, "report.hide", "report.keep")
}

// queued reports whether id is among the reported items of u's moderation queue.
func queued(t *testing.T, u *synctest.User, id string) bool {
	t.Helper()
	var q moderation.Queue
	u.MustCall(t, http.MethodGet, moderation.PathQueue, nil, &q)
	return slices.ContainsFunc(q.Reported, func(r moderation.Reported) bool { return r.ID == id && r.Collection == s.Pages })
}
