package mobilesync_test

import (
	"testing"
	"time"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// The nightly job prunes only tombstones older than the retention (90 days, measured by the
// heads it writes down each day), raises minSeq to match, and a cursor below it gets a pruned
// reset. Negative control: a younger tombstone and the puts stay.
func TestNightlyPruning(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	day0 := time.Date(2026, 1, 10, 3, 17, 0, 0, time.UTC)
	deleted := func() string {
		r := newContent(t, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic)
		if err := srv.App.Delete(r); err != nil {
			t.Fatalf("delete: %v", err)
		}
		return r.Id
	}
	night := func(at time.Time) {
		if err := ms.PruneDailyForTest(srv.App, at); err != nil {
			t.Fatalf("prune on %s: %v", at, err)
		}
	}
	kept := newContent(t, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic).Id
	oldCursor := fac.PullAll(t, "").Cursor // has not seen the deletion below
	old := deleted()
	night(day0)
	h0 := logHead(t, srv.App)
	young := deleted()
	night(day0.Add(60 * 24 * time.Hour))
	if fac.Info(t).MinSeq != 0 {
		t.Fatalf("pruned after 60 days")
	}
	night(day0.Add(91 * 24 * time.Hour))

	left := map[string]bool{}
	for _, r := range logAfter(t, srv.App, 0) {
		left[r.Rid] = true
	}
	if left[old] || !left[young] || !left[kept] {
		t.Errorf("after 91 days: old tombstone kept %v, young one kept %v, put kept %v; want false, true, true", left[old], left[young], left[kept])
	}
	if got := fac.Info(t).MinSeq; got != h0 {
		t.Errorf("minSeq = %d, want the head of day 0, %d", got, h0)
	}
	wantReset(t, fac, oldCursor, ms.ResetPruned, false)
}
