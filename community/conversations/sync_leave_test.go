package conversations_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/maillage/maillage/i18n"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// TestBlockedPushIsRejected: a message composed offline by a person who was blocked meanwhile
// is rejected by the push (through app.Save, so the hook runs) with the coded reason; the
// same push before the block is applied (the control).
func TestBlockedPushIsRejected(t *testing.T) {
	w := newWorld(t)
	f := w.seed(t)
	phone := newDevice(t, w.author)
	say := func() ms.PushRequest {
		m := phone.mutation(t, ms.OpCreate, s.Messages, synctest.NewID(), map[string]any{"conversation": f.conv.Id, "author": w.author.ID(), "text": "Hors ligne"})
		return ms.PushRequest{Mutations: []ms.Mutation{m}}
	}
	if st := statuses(phone.u.Push(t, say())); st[0] != ms.StatusApplied {
		t.Fatalf("before the block: got %v, want applied", st)
	}
	w.participant.MustCall(t, http.MethodPost, records(s.Blocks), map[string]any{"author": w.participant.ID(), "blocked": w.author.ID()}, nil)
	res := phone.u.Push(t, say()).Results[0]
	want := i18n.T(i18n.FR, "conversations.blocked", nil)
	if res.Status != ms.StatusRejected || res.FieldErrors["conversation"] != want {
		t.Errorf("after the block: got %s %v, want rejected with %q", res.Status, res.FieldErrors, want)
	}
}

// TestLeavingRevokesAndJoiningGrants: when the participant leaves, their device's next pull
// removes the conversation and its messages; a person the author adds receives the messages
// written before they joined (control: TestLeavingWithoutRelogKeepsMessages).
func TestLeavingRevokesAndJoiningGrants(t *testing.T) {
	w := newWorld(t)
	f := w.seed(t)
	leaver, newcomer := newDevice(t, w.participant), newDevice(t, w.other)
	if n := count(leaver.u.PullAll(t, "", synced...).Changes, s.Messages, f.msg.Id); n != 1 {
		t.Fatalf("the participant has the message %d times before leaving, want 1", n)
	}
	w.participant.MustCall(t, http.MethodPatch, record(s.Conversations, f.conv.Id), map[string]any{"participants-": w.participant.ID()}, nil)
	gone := leaver.pull(t)
	for _, c := range []struct{ coll, id string }{{s.Conversations, f.conv.Id}, {s.Messages, f.msg.Id}} {
		if !slices.Contains(synctest.IDs(gone, c.coll, ms.OpRemove), c.id) {
			t.Errorf("after leaving, the device did not remove %s/%s: %+v", c.coll, c.id, gone)
		}
	}
	w.author.MustCall(t, http.MethodPatch, record(s.Conversations, f.conv.Id), map[string]any{"participants+": w.other.ID()}, nil)
	if n := count(newcomer.pull(t), s.Messages, f.msg.Id); n != 1 {
		t.Errorf("the person added received the earlier message %d times, want 1", n)
	}
}

// TestLeavingWithoutRelogKeepsMessages is the control of TestLeavingRevokesAndJoiningGrants:
// the same leave written in raw SQL (no hook, so no relog of the messages) removes the
// conversation from the device but leaves its message there.
func TestLeavingWithoutRelogKeepsMessages(t *testing.T) {
	w := newWorld(t)
	f := w.seed(t)
	leaver := newDevice(t, w.participant)
	_, err := w.srv.App.DB().NewQuery("UPDATE conversations SET participants = {:p} WHERE id = {:id}").
		Bind(dbx.Params{"p": `["` + w.author.ID() + `"]`, "id": f.conv.Id}).Execute()
	if err != nil {
		t.Fatal(err)
	}
	gone := leaver.pull(t)
	if !slices.Contains(synctest.IDs(gone, s.Conversations, ms.OpRemove), f.conv.Id) {
		t.Fatalf("the raw leave did not remove the conversation: %+v", gone)
	}
	if slices.Contains(synctest.IDs(gone, s.Messages, ms.OpRemove), f.msg.Id) {
		t.Error("without the relog the message was removed too: the test above proves nothing about the relog")
	}
}
