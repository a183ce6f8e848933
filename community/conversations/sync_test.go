package conversations_test

import (
	"encoding/json"
	"slices"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// synced are the collections a device of the tests pulls.
var synced = []string{s.Conversations, s.Messages, s.ConversationReads}

// device is one phone: its user and its cursor.
type device struct {
	u      *synctest.User
	cursor string
	mseq   int64
}

func newDevice(t *testing.T, u *synctest.User) *device {
	t.Helper()
	d := &device{u: u.Device()}
	d.cursor = d.u.PullAll(t, "", synced...).Cursor
	return d
}

// pull pulls every change since the device's last pull (leak-checked by synctest).
func (d *device) pull(t *testing.T) []ms.Change {
	t.Helper()
	p := d.u.PullAll(t, d.cursor, synced...)
	if p.Reset != nil {
		t.Fatalf("%s: unexpected reset %+v", d.u, p.Reset)
	}
	d.cursor = p.Cursor
	return p.Changes
}

// mutation numbers one create or update of the device's outbox.
func (d *device) mutation(t *testing.T, op, c, id string, fields map[string]any) ms.Mutation {
	t.Helper()
	d.mseq++
	m := ms.Mutation{Mseq: d.mseq, C: c, ID: id, Op: op, Fields: map[string]json.RawMessage{}}
	for k, v := range fields {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		m.Fields[k] = raw
	}
	return m
}

// composeOffline queues, on the author's device with no network, a new conversation with the
// participant and a first message, and returns the push that reconnecting sends, with the ids.
func composeOffline(t *testing.T, d *device, with string) (push ms.PushRequest, conv, msg string) {
	t.Helper()
	conv, msg = synctest.NewID(), synctest.NewID()
	me := d.u.ID()
	push.Mutations = []ms.Mutation{
		d.mutation(t, ms.OpCreate, s.Conversations, conv, map[string]any{"participants": []string{me, with}, "author": me, "subject": "Perceuse"}),
		d.mutation(t, ms.OpCreate, s.Messages, msg, map[string]any{"conversation": conv, "author": me, "text": "Elle est encore libre ?"}),
	}
	return push, conv, msg
}

// statuses returns the status of each result.
func statuses(res ms.PushResponse) []string {
	var out []string
	for _, r := range res.Results {
		out = append(out, r.Status)
	}
	return out
}

// count counts the puts of id in collection among changes.
func count(changes []ms.Change, collection, id string) int {
	n := 0
	for _, got := range synctest.IDs(changes, collection, ms.OpPut) {
		if got == id {
			n++
		}
	}
	return n
}

// offlineRoundTrip composes on the author's device, pushes it twice (a reconnect whose answer
// was lost), and returns how many times the participant's and the third person's devices
// received the message over two pulls.
func offlineRoundTrip(t *testing.T, w *world) (toParticipant, toOther int) {
	t.Helper()
	phone := newDevice(t, w.author)
	theirs, others := newDevice(t, w.participant), newDevice(t, w.other)
	push, conv, msg := composeOffline(t, phone, w.participant.ID())
	for range 2 {
		res := phone.u.Push(t, push)
		if st := statuses(res); !slices.Contains([]string{"applied,applied", "duplicate,duplicate"}, st[0]+","+st[1]) {
			t.Fatalf("push: got %v, want applied then duplicate", st)
		}
	}
	for range 2 {
		got := theirs.pull(t)
		toParticipant += count(got, s.Messages, msg)
		if toParticipant > 0 && count(got, s.Conversations, conv) == 0 && toParticipant == 1 && len(got) > 0 {
			t.Errorf("the participant got the message without its conversation")
		}
		seenByOther := others.pull(t)
		toOther += count(seenByOther, s.Messages, msg) + count(seenByOther, s.Conversations, conv)
	}
	return toParticipant, toOther
}

// TestOfflineMessageReachesParticipantOnce: a conversation and a message composed offline and
// pushed on reconnect (twice: the first answer lost) reach the other participant's device
// exactly once; a third person's device never receives either (every pulled row is also
// leak-checked by synctest against PocketBase's own list API).
func TestOfflineMessageReachesParticipantOnce(t *testing.T) {
	toParticipant, toOther := offlineRoundTrip(t, newWorld(t))
	if toParticipant != 1 {
		t.Errorf("the participant's device received the message %d times, want 1", toParticipant)
	}
	if toOther != 0 {
		t.Errorf("a third person's device received the conversation or message %d times, want 0", toOther)
	}
}

// TestOfflineMessageLeakIsCaught is the negative control: with the messages' read rules
// loosened to any signed-in person, the third person's device receives the message.
func TestOfflineMessageLeakIsCaught(t *testing.T) {
	w := newWorld(t)
	loosenRead(t, w, s.Messages)
	if _, toOther := offlineRoundTrip(t, w); toOther == 0 {
		t.Error("with loosened rules the third person's device received nothing: the check proves nothing")
	}
}
