package simulation

import (
	"bytes"
	"context"
	"errors"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"sync"
)

// Faults are the probabilities, per request, of each fault the Transport injects.
type Faults struct {
	DropRequest  float64 // the request never reaches the server
	DropResponse float64 // the server applies the request, the answer is lost
	Duplicate    float64 // the request reaches the server twice
	Delay        float64 // a copy of the request is kept and resent later, out of order
}

// Errors the Transport returns in place of an answer.
var (
	ErrDroppedRequest  = errors.New("fault: request dropped")
	ErrDroppedResponse = errors.New("fault: response dropped")
	ErrPartitioned     = errors.New("fault: network partitioned")
)

// FaultStats counts the faults injected.
type FaultStats struct {
	Requests, DroppedRequests, DroppedResponses, Duplicates, Delayed, Resent, Partitioned int
	Unavailable                                                                           int // 503 answers (a held writer, a backup)
}

// Transport is an http.RoundTripper that injects network faults from a seeded source, so a
// run can be replayed. Delayed copies are resent, out of order, before later requests or on
// Flush; their answers go nowhere, as when a stale retry reaches the server.
type Transport struct {
	Base http.RoundTripper

	mu          sync.Mutex
	rnd         *mrand.Rand
	faults      Faults
	partitioned bool
	delayed     []*http.Request
	stats       FaultStats
}

// NewTransport returns a Transport over base drawing faults from a source seeded with seed.
func NewTransport(base http.RoundTripper, seed uint64) *Transport {
	return &Transport{Base: base, rnd: mrand.New(mrand.NewPCG(seed, 0x5eed))}
}

// SetFaults changes the fault probabilities; the zero value heals the network.
func (t *Transport) SetFaults(f Faults) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.faults = f
}

// SetPartitioned cuts (true) or restores (false) the network.
func (t *Transport) SetPartitioned(p bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.partitioned = p
}

// Stats returns the faults injected so far.
func (t *Transport) Stats() FaultStats {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.stats
}

// Flush resends every delayed copy now.
func (t *Transport) Flush() {
	t.mu.Lock()
	old := t.delayed
	t.delayed = nil
	t.mu.Unlock()
	for _, r := range old {
		t.resend(r)
	}
}

// RoundTrip sends req through the faults.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := readBody(req)
	if err != nil {
		return nil, err
	}
	plan, stale := t.plan(req, body)
	if stale != nil {
		t.resend(stale)
	}
	if plan.err != nil {
		return nil, plan.err
	}
	if plan.duplicate {
		t.resend(withBody(req, body))
	}
	res, err := t.Base.RoundTrip(withBody(req, body))
	if err == nil && res.StatusCode == http.StatusServiceUnavailable {
		t.mu.Lock()
		t.stats.Unavailable++
		t.mu.Unlock()
	}
	if err != nil || !plan.dropResponse {
		return res, err
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return nil, ErrDroppedResponse
}

type plan struct {
	err          error
	duplicate    bool
	dropResponse bool
}

// plan draws this request's faults and, sometimes, a delayed copy to resend first.
func (t *Transport) plan(req *http.Request, body []byte) (p plan, stale *http.Request) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stats.Requests++
	if t.partitioned {
		t.stats.Partitioned++
		return plan{err: ErrPartitioned}, nil
	}
	if len(t.delayed) > 0 && t.rnd.Float64() < 0.3 {
		i := t.rnd.IntN(len(t.delayed))
		stale = t.delayed[i]
		t.delayed = append(t.delayed[:i], t.delayed[i+1:]...)
	}
	if t.rnd.Float64() < t.faults.Delay {
		t.stats.Delayed++
		t.delayed = append(t.delayed, withBody(req, body))
	}
	switch f := t.faults; {
	case t.rnd.Float64() < f.DropRequest:
		t.stats.DroppedRequests++
		p.err = ErrDroppedRequest
	case t.rnd.Float64() < f.Duplicate:
		t.stats.Duplicates++
		p.duplicate = true
	case t.rnd.Float64() < f.DropResponse:
		t.stats.DroppedResponses++
		p.dropResponse = true
	}
	return p, stale
}

// resend sends a copy whose answer nobody reads.
func (t *Transport) resend(req *http.Request) {
	t.mu.Lock()
	t.stats.Resent++
	t.mu.Unlock()
	res, err := t.Base.RoundTrip(req)
	if err == nil {
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
	}
}

func readBody(req *http.Request) ([]byte, error) {
	if req.Body == nil {
		return nil, nil
	}
	defer req.Body.Close()
	return io.ReadAll(req.Body)
}

// withBody clones req with its own reader over body, detached from req's context so that a
// delayed copy outlives its caller.
func withBody(req *http.Request, body []byte) *http.Request {
	c := req.Clone(context.WithoutCancel(req.Context()))
	c.Body = io.NopCloser(bytes.NewReader(body))
	c.ContentLength = int64(len(body))
	c.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	return c
}
