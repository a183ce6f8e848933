package loadtest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/maillage/maillage/internal/binarytest"
)

// PokeTopic is the realtime topic the PWA subscribes to (mobile_sync.PokeTopic).
const PokeTopic = "sync"

// sseEvent is one server-sent event.
type sseEvent struct{ name, data string }

// readEvent reads the next event of an SSE stream (PocketBase writes "id:", "event:" and
// "data:" lines, then a blank line).
func readEvent(r *bufio.Reader) (sseEvent, error) {
	var ev sseEvent
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return ev, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" && (ev.name != "" || ev.data != "") {
			return ev, nil
		}
		k, v, _ := strings.Cut(line, ":")
		v = strings.TrimPrefix(v, " ")
		switch k {
		case "event":
			ev.name = v
		case "data":
			ev.data += v
		}
	}
}

// Subscription is a device's open realtime connection, subscribed to the poke topic.
type Subscription struct {
	body   io.ReadCloser
	reader *bufio.Reader
}

// Subscribe opens GET /api/realtime as the PocketBase SDK does, reads the PB_CONNECT event
// and subscribes its client id to the poke topic with the device's token.
func Subscribe(ctx context.Context, stream, hc *http.Client, base, token string) (*Subscription, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/realtime", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/event-stream")
	res, err := stream.Do(req)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		res.Body.Close()
		return nil, fmt.Errorf("GET /api/realtime: %d", res.StatusCode)
	}
	s := &Subscription{body: res.Body, reader: bufio.NewReader(res.Body)}
	if err := s.subscribe(ctx, hc, base, token); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// subscribe reads PB_CONNECT and posts the subscription.
func (s *Subscription) subscribe(ctx context.Context, hc *http.Client, base, token string) error {
	ev, err := readEvent(s.reader)
	if err != nil || ev.name != "PB_CONNECT" {
		return fmt.Errorf("realtime: want PB_CONNECT, got %q (%v)", ev.name, err)
	}
	var connect struct {
		ClientID string `json:"clientId"`
	}
	if err := json.Unmarshal([]byte(ev.data), &connect); err != nil {
		return fmt.Errorf("realtime: PB_CONNECT %q: %w", ev.data, err)
	}
	return binarytest.Call(ctx, hc, http.MethodPost, base+"/api/realtime", token,
		map[string]any{"clientId": connect.ClientID, "subscriptions": []string{PokeTopic}}, nil)
}

// Pokes calls poke for each message of the poke topic until the stream ends, and returns
// why it ended.
func (s *Subscription) Pokes(poke func()) error {
	for {
		ev, err := readEvent(s.reader)
		if err != nil {
			return err
		}
		if ev.name == PokeTopic {
			poke()
		}
	}
}

// Close ends the connection.
func (s *Subscription) Close() { s.body.Close() }
