package conversations_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// event is one realtime message: its topic name and its data.
type event struct {
	name string
	data string
}

// subscribe opens a real SSE connection to /api/realtime as u, subscribes it to topic and
// returns the events that follow (PB_CONNECT read and answered). The stream closes with the test.
func subscribe(t *testing.T, u *synctest.User, topic string) <-chan event {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.Srv.URL+"/api/realtime", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := u.Srv.HTTP.Do(req)
	if err != nil {
		t.Fatalf("realtime connect: %v", err)
	}
	events := make(chan event, 16)
	go readEvents(res, events)
	connect := <-events
	var hello struct {
		ClientID string `json:"clientId"`
	}
	if err := json.Unmarshal([]byte(connect.data), &hello); connect.name != "PB_CONNECT" || err != nil {
		t.Fatalf("realtime: first event %q %q, want PB_CONNECT", connect.name, connect.data)
	}
	u.MustCall(t, http.MethodPost, "/api/realtime", map[string]any{"clientId": hello.ClientID, "subscriptions": []string{topic}}, nil)
	return events
}

// readEvents sends each event of an SSE stream to out until the stream ends.
func readEvents(res *http.Response, out chan<- event) {
	defer res.Body.Close()
	defer close(out)
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var ev event
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event:"):
			ev.name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
		case strings.HasPrefix(line, "data:"):
			ev.data += strings.TrimSpace(strings.TrimPrefix(line, "data:"))
		case line == "" && ev.name != "":
			out <- ev
			ev = event{}
		}
	}
}

// messageID returns the id of the record a realtime event on messages carries.
func messageID(t *testing.T, ev event) string {
	t.Helper()
	var d struct {
		Action string `json:"action"`
		Record struct {
			ID string `json:"id"`
		} `json:"record"`
	}
	if err := json.Unmarshal([]byte(ev.data), &d); err != nil || ev.name != s.Messages {
		t.Fatalf("realtime: event %q %q, want a messages event", ev.name, ev.data)
	}
	return d.Record.ID
}

// delivery is what deliver saw: the private message, the third person's stream, and whether
// the private message reached them before the later message written to them.
type delivery struct {
	private string
	toOther <-chan event
	leaked  bool
}

// deliver writes a message from the author to the participant while the participant and a
// third person (other) listen to messages in real time. The participant must receive it; the
// third person's events are then read up to a later message written to them, and leaked tells
// whether the private one came before it. (PocketBase decides who receives a record event
// before the write request returns, then sends each event from a goroutine of its own, so a
// leaked event may also come after the later one: the negative control waits for it.)
func deliver(t *testing.T, w *world) delivery {
	t.Helper()
	f := w.seed(t) // before subscribing: its own message is no part of the check
	toParticipant := subscribe(t, w.participant, s.Messages)
	toOther := subscribe(t, w.other, s.Messages)
	var m1, m2 struct {
		ID string `json:"id"`
	}
	w.author.MustCall(t, http.MethodPost, records(s.Messages), map[string]any{"conversation": f.conv.Id, "author": w.author.ID(), "text": "Privé"}, &m1)
	if got := messageID(t, <-toParticipant); got != m1.ID {
		t.Fatalf("the participant received %s, want the message %s", got, m1.ID)
	}
	var conv struct {
		ID string `json:"id"`
	}
	w.author.MustCall(t, http.MethodPost, records(s.Conversations), map[string]any{"author": w.author.ID(), "participants": []string{w.author.ID(), w.other.ID()}}, &conv)
	w.author.MustCall(t, http.MethodPost, records(s.Messages), map[string]any{"conversation": conv.ID, "author": w.author.ID(), "text": "Pour toi"}, &m2)
	d := delivery{private: m1.ID, toOther: toOther}
	for id := ""; id != m2.ID; {
		id = messageID(t, <-toOther)
		d.leaked = d.leaked || id == m1.ID
	}
	return d
}

// arrives waits for the message id on events; a stream that ends or stays silent for 30
// seconds fails the test.
func arrives(t *testing.T, events <-chan event, id string) bool {
	t.Helper()
	for {
		select {
		case ev, ok := <-events:
			if !ok {
				return false
			}
			if messageID(t, ev) == id {
				return true
			}
		case <-time.After(30 * time.Second):
			return false
		}
	}
}

// TestRealtimeReachesParticipantsOnly: a message reaches a participant through a real SSE
// subscription, and never a third person subscribed to the same topic.
func TestRealtimeReachesParticipantsOnly(t *testing.T) {
	if deliver(t, newWorld(t)).leaked {
		t.Error("a third person received a private message in real time")
	}
}

// TestRealtimeLeakIsCaught is the negative control: with the messages' list and view rules
// loosened to any signed-in person, the same check sees the leak (before the later message,
// or after it when PocketBase's sending goroutines ran in the other order).
func TestRealtimeLeakIsCaught(t *testing.T) {
	w := newWorld(t)
	loosenRead(t, w, s.Messages)
	if d := deliver(t, w); !d.leaked && !arrives(t, d.toOther, d.private) {
		t.Error("with loosened rules, the third person did not receive the message: the check proves nothing")
	}
}

// loosenRead lets any signed-in person list and view collection (in this test's app only).
func loosenRead(t *testing.T, w *world, collection string) {
	t.Helper()
	c, err := w.srv.App.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatal(err)
	}
	open := `@request.auth.id != ""`
	c.ListRule, c.ViewRule = &open, &open
	if err := w.srv.App.Save(c); err != nil {
		t.Fatal(err)
	}
}
