package crashtest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/maillage/maillage/mobile_sync/client"
)

// Sizes of the push scenario: mutations acknowledged before the kill, then the big push (one
// request, applied by the server in transactions of 100).
const (
	ackedFirst = 20
	bigPush    = 500
	chunk      = 100
)

// killPoints are how many chunks of the big push must be committed before the kill; 0 kills as
// soon as the request is sent. The default run uses the first: two chunks in, three to go.
var killPoints = []int{2, 0, 4, 1, 3}

// TestKillDuringPush: the reference client pushes 500 mutations in one request, the server is
// killed with SIGKILL in the middle, restarted, and the client retries the same push. Nothing
// is half-applied, each mutation is applied exactly once, no acknowledged write is lost.
func TestKillDuringPush(t *testing.T) {
	skipShort(t)
	s := newServer(t)
	for i := range iterations(t) {
		u := s.facilitator(fmt.Sprintf("push%d@example.org", i))
		p := killedPush(t, s, u, killPoints[i%len(killPoints)])
		if err := p.checkAtomic(p.state(t)); err != nil {
			t.Fatalf("after the restart: %v", err)
		}
		if err := p.retry(); err != nil {
			t.Fatalf("retry: %v", err)
		}
		if err := p.checkExactlyOnce(p.state(t)); err != nil {
			t.Fatalf("after the retry: %v", err)
		}
		t.Logf("kill %d: %d mutations committed when killed, %d found after the restart, all %d once after the retry",
			i, p.seenAtKill, p.afterRestart, ackedFirst+bigPush)
	}
}

// pushRun is one device whose big push was cut by a kill.
type pushRun struct {
	s            *server
	u            user
	c            *client.Client
	ids          []string // record ids by mseq-1
	seenAtKill   int64    // the client's lastMutationSeq in the database just before the kill
	afterRestart int64    // the same, read after the restart
}

// killedPush pushes ackedFirst mutations (acknowledged), then starts the big push and kills
// the server once `chunks` chunks of it are committed, and restarts it. A kill that comes
// after the whole push was committed is tried again with a new device, twice at most.
func killedPush(t *testing.T, s *server, u user, chunks int) *pushRun {
	t.Helper()
	for range 3 {
		p := &pushRun{s: s, u: u}
		if p.run(t, chunks) {
			return p
		}
		t.Logf("the push ended before the kill (%d committed): again with another device", p.seenAtKill)
	}
	t.Fatalf("three kills came after the whole push: the test did not cut a push")
	return nil
}

// run reports whether the kill cut the push (the server had not committed it all).
func (p *pushRun) run(t *testing.T, chunks int) bool {
	t.Helper()
	sent := make(chan struct{}, 1)
	p.c = client.New(client.Options{BaseURL: p.s.url(""), Token: p.u.Token, PushBatch: bigPush,
		Collections: []string{"initiatives"}, HTTP: &http.Client{Transport: &sentSignal{sent: sent}}})
	p.queue(t, ackedFirst)
	if err := p.c.Push(context.Background()); err != nil {
		t.Fatalf("first push: %v", err)
	}
	waitSignal(t, sent, "first push sent") // drained for the next one
	p.queue(t, bigPush)
	done := make(chan error, 1)
	go func() { done <- p.c.Push(context.Background()) }()
	p.waitKillPoint(t, chunks, sent)
	p.s.kill()
	pushErr := <-done
	p.s.start()
	p.afterRestart = p.lastSeq(t)
	return pushErr != nil && p.afterRestart < ackedFirst+bigPush
}

// waitKillPoint waits until the big push's request is sent and, if chunks > 0, until that
// many of its chunks are committed (read from the database), and records what was seen.
func (p *pushRun) waitKillPoint(t *testing.T, chunks int, sent chan struct{}) {
	t.Helper()
	waitSignal(t, sent, "big push sent")
	db := readOnly(t, p.s.db())
	want := int64(ackedFirst + chunks*chunk)
	waitFor(t, fmt.Sprintf("%d committed mutations", want), func() bool {
		p.seenAtKill = count(t, db, "SELECT MAX(lastMutationSeq) FROM _sync_clients WHERE clientId = ?", p.c.ID())
		return p.seenAtKill >= want
	})
}

// queue adds n creations of public initiatives named after the client and their mseq.
func (p *pushRun) queue(t *testing.T, n int) {
	t.Helper()
	for range n {
		name := fmt.Sprintf("crash %s %d", p.c.ID(), len(p.ids)+1)
		id, err := p.c.Create("initiatives", map[string]any{"name": name, "author": p.u.ID, "visibility": "public"})
		if err != nil {
			t.Fatal(err)
		}
		p.ids = append(p.ids, id)
	}
}

// retry pushes the outbox again, as the client does at its next sync.
func (p *pushRun) retry() error {
	http.DefaultTransport.(*http.Transport).CloseIdleConnections() // to the killed process
	return p.c.Push(context.Background())
}

func (p *pushRun) lastSeq(t *testing.T) int64 {
	return count(t, readOnly(t, p.s.db()), "SELECT MAX(lastMutationSeq) FROM _sync_clients WHERE clientId = ?", p.c.ID())
}

// sentSignal is a transport that signals each push request once its body is sent.
type sentSignal struct{ sent chan struct{} }

func (s *sentSignal) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Path == client.PathPush && req.Body != nil {
		req = req.Clone(req.Context())
		req.Body = &eofSignal{ReadCloser: req.Body, sent: s.sent}
		req.GetBody = nil // a transport's silent resend would bypass the signal
	}
	return http.DefaultTransport.RoundTrip(req)
}

// eofSignal signals when its body has been read to the end.
type eofSignal struct {
	io.ReadCloser
	sent chan struct{}
	done bool
}

func (b *eofSignal) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF && !b.done {
		b.done = true
		b.sent <- struct{}{}
	}
	return n, err
}
