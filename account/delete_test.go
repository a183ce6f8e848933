package account_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/maillage/maillage/account"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// synced are the collections bob's phone pulls.
var synced = []string{s.Conversations, s.Messages, s.Offers, s.Comments}

// aliceFiles reads alice's stored files (avatar, offer photo) before anything is deleted.
func (w *world) aliceFiles(t *testing.T) map[string][]byte {
	t.Helper()
	files := storedFiles(t, w.srv.App, w.alice.Record)
	for k, v := range storedFiles(t, w.srv.App, w.recs["aliceOffer"]) {
		files[k] = v
	}
	return files
}

// deleteAccount deletes alice's account over HTTP with the contributions choice.
func (w *world) deleteAccount(t *testing.T, contributions string) account.Summary {
	t.Helper()
	var sum account.Summary
	w.alice.MustCall(t, http.MethodDelete, account.PathMe, map[string]string{"contributions": contributions}, &sum)
	return sum
}

func TestDeletionLeavesNothingOfThePerson(t *testing.T) {
	w := newWorld(t)
	app := w.srv.App
	needles := with2(w.secrets, w.public)
	files := w.aliceFiles(t)
	storageNeedles := map[string]string{"file name": "zephyrine"}

	// Control: before the deletion the scan finds every piece of alice's data.
	if m := missing(needles, nil, scanDatabase(t, app, needles)); len(m) > 0 {
		t.Fatalf("control: the database scan misses %v before the deletion", m)
	}
	if m := missing(storageNeedles, files, scanStorage(t, app, storageNeedles, files)); len(m) > 0 {
		t.Fatalf("control: the storage scan misses %v before the deletion", m)
	}
	bob := w.bob.Device()
	cursor := bob.PullAll(t, "", synced...).Cursor

	sum := w.deleteAccount(t, s.ContributionsDelete)
	if sum.Deleted == 0 || sum.HandedOver != 1 || sum.Anonymised != 2 || sum.Left != 3 {
		t.Errorf("summary %+v: want deletions, the community handed over, 2 conversations' opener cleared, 3 left", sum)
	}
	if found := scanDatabase(t, app, needles); len(found) > 0 {
		t.Errorf("after the deletion the database still holds: %s", report(found))
	}
	if found := scanStorageAfterDeletion(t, app, storageNeedles, files); len(found) > 0 {
		t.Errorf("after the deletion the storage still holds: %s", report(found))
	}
	w.checkOthersKept(t)
	w.checkDevices(t, bob, cursor)
}

func TestAnonymisedContributionsStayWithoutTheirAuthor(t *testing.T) {
	w := newWorld(t)
	app := w.srv.App
	files := storedFiles(t, app, w.alice.Record)
	storageNeedles := map[string]string{"avatar name": "zephyrine-portrait"}
	offerPhoto := storedFiles(t, app, w.recs["aliceOffer"])

	w.deleteAccount(t, s.ContributionsAnonymise)
	if found := scanDatabase(t, app, w.secrets); len(found) > 0 {
		t.Errorf("after the deletion the database still holds: %s", report(found))
	}
	if found := scanStorageAfterDeletion(t, app, storageNeedles, files); len(found) > 0 {
		t.Errorf("after the deletion the storage still holds: %s", report(found))
	}
	if m := missing(w.public, nil, scanDatabase(t, app, w.public)); len(m) > 0 {
		t.Errorf("anonymised contributions lost: %v", m)
	}
	for _, name := range []string{"aliceOffer", "aliceComment", "aliceThread"} {
		rec, err := app.FindRecordById(w.recs[name].Collection().Name, w.recs[name].Id)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := rec.GetString(s.FieldAuthor); got != "" {
			t.Errorf("%s: author %q, want none", name, got)
		}
	}
	if m := missing(nil, offerPhoto, scanStorage(t, app, nil, offerPhoto)); len(m) > 0 {
		t.Errorf("the kept offer lost its photo: %v", m)
	}
	if _, err := app.FindRecordById(s.Initiatives, w.recs["alicePrivate"].Id); err == nil {
		t.Error("alice's private initiative was kept; private records go whatever the choice")
	}
}

// Negative controls: a deletion that skips one collection, or the devices' bookkeeping, leaves
// data the scan finds.
func TestScanFindsWhatABrokenDeletionLeaves(t *testing.T) {
	cases := []struct {
		name, skip  string
		keepDevices bool
		want        string
	}{
		{"initiatives skipped (PocketBase's cascade only clears the author)", s.Initiatives, false, "private record"},
		{"devices' sync bookkeeping kept", "", true, "device id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			if _, err := account.DeleteSkipping(w.srv.App, w.alice.ID(), s.ContributionsDelete, c.skip, c.keepDevices); err != nil {
				t.Fatal(err)
			}
			found := scanDatabase(t, w.srv.App, with2(w.secrets, w.public))
			if len(found[c.want]) == 0 {
				t.Errorf("the scan did not find the %s the broken deletion left (found: %s)", c.want, report(found))
			}
		})
	}
}

// checkOthersKept checks what alice's deletion did to what others share with her.
func (w *world) checkOthersKept(t *testing.T) {
	t.Helper()
	app := w.srv.App
	shared, err := app.FindRecordById(s.Conversations, w.recs["shared"].Id)
	if err != nil {
		t.Fatalf("the conversation bob is still in went: %v", err)
	}
	if got := shared.GetStringSlice("participants"); !slices.Equal(got, []string{w.bob.ID()}) || shared.GetString("author") != "" {
		t.Errorf("shared conversation: participants %v author %q, want bob alone and no author", got, shared.GetString("author"))
	}
	if _, err := app.FindRecordById(s.Messages, w.recs["bobMessage"].Id); err != nil {
		t.Errorf("bob's message went: %v", err)
	}
	if _, err := app.FindRecordById(s.Conversations, w.recs["lonely"].Id); err == nil {
		t.Error("the conversation alice was alone in was kept")
	}
	community, err := app.FindRecordById(s.Communities, w.recs["community"].Id)
	if err != nil || community.GetString("owner") != w.carol.ID() {
		t.Errorf("community: %v, owner %v; want it handed to carol", err, community)
	}
	offer, err := app.FindRecordById(s.Offers, w.recs["bobOffer"].Id)
	if err != nil || offer.GetString("state") != "open" || offer.GetString(s.FieldReservedFor) != "" {
		t.Errorf("bob's offer reserved for alice: %v %v; want it open again", err, offer)
	}
}

// checkDevices: bob's phone pulls alice's messages as removals (and keeps his own); alice's
// phone is refused.
func (w *world) checkDevices(t *testing.T, bob *synctest.User, cursor string) {
	t.Helper()
	changes := bob.PullAll(t, cursor, synced...).Changes
	removed := synctest.IDs(changes, s.Messages, ms.OpRemove)
	for _, name := range []string{"aliceMessage", "aliceOffline"} {
		if !slices.Contains(removed, w.recs[name].Id) {
			t.Errorf("bob's phone did not get %s removed (removes: %v)", name, removed)
		}
	}
	if slices.Contains(removed, w.recs["bobMessage"].Id) {
		t.Error("bob's phone got his own message removed")
	}
	if !slices.Contains(synctest.IDs(changes, s.Offers, ms.OpRemove), w.recs["aliceOffer"].Id) {
		t.Error("bob's phone did not get alice's deleted offer removed")
	}
	status, body, err := w.alice.Call(http.MethodPost, "/api/sync/pull", ms.PullRequest{ClientID: w.alice.ClientID})
	if err != nil || status != http.StatusUnauthorized {
		t.Errorf("alice's phone after the deletion: %d %s %v, want 401", status, body, err)
	}
}

// with2 merges two needle sets.
func with2(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range []map[string]string{a, b} {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

func TestDeletionNeedsAChoice(t *testing.T) {
	w := newWorld(t)
	for _, body := range []any{nil, map[string]string{"contributions": "keep"}} {
		status, data, _ := w.alice.Call(http.MethodDelete, account.PathMe, body)
		if status != http.StatusBadRequest {
			t.Errorf("delete with %v: %d %s, want 400", body, status, data)
		}
	}
	if _, err := w.srv.App.FindRecordById(s.Users, w.alice.ID()); err != nil {
		t.Fatalf("a refused deletion deleted the account: %v", err)
	}
	// The same through POST, for clients that send no body with DELETE.
	w.alice.MustCall(t, http.MethodPost, account.PathDelete, map[string]string{"contributions": s.ContributionsAnonymise}, nil)
	if _, err := w.srv.App.FindRecordById(s.Users, w.alice.ID()); err == nil {
		t.Error("POST /api/maillage/me/delete kept the account")
	}
}
