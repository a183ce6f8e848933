package federation

import (
	"context"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// The delivery queue: activities wait in federationDeliveries (so that a restart loses none)
// and a few workers POST them, one at a time per inbox and in the order they were queued; a
// failed delivery is retried after each delay of backoff, then dropped and logged.

// deliveryWorkers is how many deliveries run at once.
var deliveryWorkers = 4

// backoff is the wait before each retry of a failed delivery; after the last, it is dropped.
var backoff = []time.Duration{time.Minute, 5 * time.Minute, 30 * time.Minute, 2 * time.Hour, 12 * time.Hour}

// maxIdle is the longest the dispatcher sleeps without looking at the queue.
const maxIdle = time.Minute

// clock tells the queue the time (tests move it by hand).
var clock = time.Now

// queue runs the deliveries of one app.
type queue struct {
	app      core.App
	send     func(ctx context.Context, inbox string, activity []byte) error
	wake     chan struct{}
	slots    chan struct{}
	mu       sync.Mutex
	inFlight map[string]bool // inboxes being delivered
	wg       sync.WaitGroup
	ctx      context.Context
	stop     context.CancelFunc
}

// queueStoreKey is where the app's store keeps its queue (tests reach it there).
const queueStoreKey = "federation.queue"

// newQueue makes app's queue, sending with send; start runs it.
func newQueue(app core.App, send func(context.Context, string, []byte) error) *queue {
	ctx, stop := context.WithCancel(context.Background())
	q := &queue{app: app, send: send, wake: make(chan struct{}, 1), slots: make(chan struct{}, deliveryWorkers),
		inFlight: map[string]bool{}, ctx: ctx, stop: stop}
	app.Store().Set(queueStoreKey, q)
	return q
}

// start runs the dispatcher until close.
func (q *queue) start() {
	q.wg.Add(1)
	go q.run()
}

// close stops the dispatcher and waits for the deliveries under way and the queued writes.
func (q *queue) close() {
	q.stop()
	q.wg.Wait()
}

// poke wakes the dispatcher (never blocks).
func (q *queue) poke() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// run starts the due deliveries, then sleeps until the next is due, a poke, or close.
func (q *queue) run() {
	defer q.wg.Done()
	for {
		wait := q.pass()
		timer := time.NewTimer(wait)
		select {
		case <-q.ctx.Done():
			timer.Stop()
			return
		case <-q.wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

// pass starts every due delivery at the head of its inbox's line that is not under way, and
// returns how long until the next one is due.
func (q *queue) pass() time.Duration {
	rows, err := q.due()
	if err != nil {
		q.app.Logger().Warn("federation: read the delivery queue", "error", err)
		return maxIdle
	}
	for _, row := range rows {
		if !q.claim(row.Inbox) {
			continue
		}
		if !q.takeSlot(row.Inbox) {
			return maxIdle
		}
		q.wg.Add(1)
		go q.attempt(row)
	}
	return q.untilNext()
}

// takeSlot waits for a free worker for inbox; false (inbox released) once the queue stops.
func (q *queue) takeSlot(inbox string) bool {
	select {
	case q.slots <- struct{}{}:
		return true
	case <-q.ctx.Done():
		q.release(inbox)
		return false
	}
}
