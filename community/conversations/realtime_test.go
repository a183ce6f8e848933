package conversations_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

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

// deliver writes a message from the author to the participant while the participant and a
// third person (other) listen to messages in real time. The participant must receive it; the
// third person's first event is then a later message written to them, and leaked tells
// whether the private one came before it. (PocketBase decides who receives a record event
// before the write request returns; the later message is written after the participant got
// the first one, so a leaked event is already queued for the third person by then.)
func deliver(t *testing.T, w *world) (leaked bool) {
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
	first := messageID(t, <-toOther)
	if first != m1.ID && first != m2.ID {
		t.Fatalf("the third person received %s, want %s or %s", first, m1.ID, m2.ID)
	}
	return first == m1.ID
}

// TestRealtimeReachesParticipantsOnly: a message reaches a participant through a real SSE
// subscription, and never a third person subscribed to the same topic.
func TestRealtimeReachesParticipantsOnly(t *testing.T) {
	if deliver(t, newWorld(t)) {
		t.Error("a third person received a private message in real time")
	}
}

// TestRealtimeLeakIsCaught is the negative control: with the messages' list and view rules
// loosened to any signed-in person, the same check sees the leak.
func TestRealtimeLeakIsCaught(t *testing.T) {
	w := newWorld(t)
	loosenRead(t, w, s.Messages)
	if !deliver(t, w) {
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
