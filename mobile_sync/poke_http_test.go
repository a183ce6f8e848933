package mobilesync_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/maillage/maillage/internal/server"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// sseEvent is one server-sent event of PocketBase's realtime stream.
type sseEvent struct{ name, data string }

// realtime opens u's realtime stream and returns its client id and its events.
func realtime(t *testing.T, u *synctest.User) (string, <-chan sseEvent) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u.Srv.URL+"/api/realtime", nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := u.Srv.HTTP.Do(req)
	if err != nil {
		t.Fatalf("realtime: %v", err)
	}
	t.Cleanup(func() { res.Body.Close() })
	events := make(chan sseEvent, 16)
	go func() {
		defer close(events)
		sc, ev := bufio.NewScanner(res.Body), sseEvent{}
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				ev.name = strings.TrimPrefix(line, "event:")
			case strings.HasPrefix(line, "data:"):
				ev.data = strings.TrimPrefix(line, "data:")
			case line == "":
				events <- ev
				ev = sseEvent{}
			}
		}
	}()
	connect := nextEvent(t, events)
	var c struct {
		ClientID string `json:"clientId"`
	}
	if connect.name != "PB_CONNECT" || json.Unmarshal([]byte(connect.data), &c) != nil {
		t.Fatalf("first realtime event = %+v, want PB_CONNECT", connect)
	}
	return c.ClientID, events
}

// nextEvent waits for the next event; it fails only when none comes at all.
func nextEvent(t *testing.T, events <-chan sseEvent) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-events:
		if !ok {
			t.Fatalf("the realtime stream closed")
		}
		return ev
	case <-time.After(30 * time.Second):
		t.Fatalf("gave up waiting for a realtime event")
	}
	return sseEvent{}
}

func subscribe(t *testing.T, u *synctest.User, clientID string, topics ...string) int {
	t.Helper()
	status, body, err := u.Call(http.MethodPost, "/api/realtime", map[string]any{"clientId": clientID, "subscriptions": topics})
	if err != nil {
		t.Fatalf("subscribe: %v", err)
	}
	if status == http.StatusForbidden && !strings.Contains(string(body), "Connectez-vous") {
		t.Errorf("refusal does not say what to do: %s", body)
	}
	return status
}

// Only signed-in users may subscribe to the sync topic (custom topics bypass API rules), and
// they get {headSeq} after a commit, batch API transactions included. Negative control: the
// same anonymous client may subscribe to another custom topic, so the 403 is the guard's.
func TestPokeTopic(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	anon := srv.Anonymous()
	anonID, _ := realtime(t, anon)
	for _, topic := range []string{ms.PokeTopic, ms.PokeTopic + `?options={"query":{}}`} {
		if got := subscribe(t, anon, anonID, topic); got != http.StatusForbidden {
			t.Errorf("anonymous subscription to %s: status %d, want 403", topic, got)
		}
	}
	if got := subscribe(t, anon, anonID, "weather"); got != http.StatusNoContent {
		t.Errorf("negative control: anonymous subscription to another topic: status %d, want 204", got)
	}

	facID, events := realtime(t, fac)
	if got := subscribe(t, fac, facID, ms.PokeTopic); got != http.StatusNoContent {
		t.Fatalf("signed-in subscription: status %d, want 204", got)
	}
	body := map[string]any{"requests": []map[string]any{{"method": "POST",
		"url": "/api/collections/initiatives/records", "body": content(s.Initiatives, fac.ID(), s.VisibilityPublic)}}}
	fac.MustCall(t, http.MethodPost, "/api/batch", body, nil)
	head := logHead(t, srv.App)
	for {
		ev := nextEvent(t, events)
		var poke ms.Poke
		if ev.name != ms.PokeTopic || json.Unmarshal([]byte(ev.data), &poke) != nil {
			t.Fatalf("realtime event %+v, want a %s poke", ev, ms.PokeTopic)
		}
		if poke.HeadSeq == head {
			return
		}
		if poke.HeadSeq > head {
			t.Fatalf("poke headSeq %d beyond the head %d", poke.HeadSeq, head)
		}
	}
}
