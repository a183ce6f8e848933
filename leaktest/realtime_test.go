package leaktest

import (
	"bufio"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// Realtime: every viewer subscribes to every collection through PocketBase's SSE endpoint
// (as the JS SDK does: GET /api/realtime, then POST the subscriptions with the client id),
// every generated record is saved again (an update event each), and a public sentinel record
// written last tells, when it arrives, that every earlier event has been delivered.

// stream is one viewer's open realtime connection and what it received.
type stream struct {
	v    *viewer
	res  *http.Response
	mu   sync.Mutex
	data strings.Builder
	done chan struct{}
}

// realtime runs the realtime family as every viewer and scans what each received.
func realtime(t *testing.T, m *matrix) {
	t.Helper()
	var streams []*stream
	for _, v := range m.w.viewers {
		streams = append(streams, m.subscribe(t, v))
	}
	for _, r := range m.w.order {
		if err := m.w.srv.App.Save(r); err != nil {
			t.Fatalf("touch %s/%s: %v", r.Collection().Name, r.Id, err)
		}
	}
	m.w.save(t, "categories", fields{"slug": "leak-sentinel", "nameFr": "sentinel", "nameEn": "sentinel"})
	for _, st := range streams {
		<-st.done
		st.res.Body.Close()
		m.scan(st.v, "realtime", "/api/realtime", []byte(st.data.String()), false)
	}
	m.w.refresh(t)
}

// subscribe opens v's realtime connection and subscribes it to every collection.
func (m *matrix) subscribe(t *testing.T, v *viewer) *stream {
	t.Helper()
	res, err := m.w.srv.HTTP.Get(m.w.srv.URL + "/api/realtime")
	if err != nil {
		t.Fatalf("realtime as %s: %v", v.name, err)
	}
	st := &stream{v: v, res: res, done: make(chan struct{})}
	lines := bufio.NewScanner(res.Body)
	lines.Buffer(make([]byte, 1<<20), 1<<24)
	clientID := ""
	for clientID == "" && lines.Scan() {
		if data, ok := strings.CutPrefix(lines.Text(), "data:"); ok {
			var c struct {
				ClientID string `json:"clientId"`
			}
			_ = json.Unmarshal([]byte(data), &c)
			clientID = c.ClientID
		}
	}
	var subs []string
	for _, c := range m.w.collections() {
		subs = append(subs, c.Name+"/*")
	}
	status, body, err := v.Call(http.MethodPost, "/api/realtime", map[string]any{"clientId": clientID, "subscriptions": subs})
	if err != nil || status != http.StatusNoContent {
		t.Fatalf("subscribe as %s: %d %s %v", v.name, status, body, err)
	}
	go st.read(lines)
	return st
}

// read gathers the stream until the sentinel arrives (or the connection ends).
func (st *stream) read(lines *bufio.Scanner) {
	defer close(st.done)
	for lines.Scan() {
		st.data.WriteString(lines.Text() + "\n")
		if strings.Contains(lines.Text(), "leak-sentinel") {
			return
		}
	}
}
