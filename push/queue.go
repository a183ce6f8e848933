package push

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// event is one write that may notify people, queued after it committed: the worker reads the
// record again, works out who may and wants to hear of it, and sends to each of them.
type event struct {
	kind       string // kindMessage, kindReply, kindDecision, kindNear, kindPhase
	collection string
	id         string
	status     string   // kindDecision: the status decided; kindPhase: the new phase
	writer     string   // who wrote it, when known: never notified
	to         []string // kindPhase: the proposal's followers
}

// Kinds of events.
const (
	kindMessage  = "message"
	kindReply    = "reply"
	kindDecision = "decision"
	kindNear     = "near"
	kindPhase    = "phase"
)

// Notifier is the delivery queue: events wait in a bounded queue and a fixed number of
// workers handle them, each sending one event's notifications to all its recipients. Nothing
// here ever blocks or fails the write that queued an event.
type Notifier struct {
	app     core.App
	cfg     Config
	keys    keyCache
	client  *http.Client
	jobs    chan event
	pending sync.WaitGroup
	ctx     context.Context
	cancel  context.CancelFunc
	stopped atomic.Bool
	once    sync.Once
}

// newNotifier builds the app's Notifier; start runs its workers.
func newNotifier(app core.App, cfg Config) *Notifier {
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.QueueSize <= 0 {
		cfg.QueueSize = DefaultQueueSize
	}
	ctx, cancel := context.WithCancel(context.Background())
	return &Notifier{app: app, cfg: cfg, client: newClient(), jobs: make(chan event, cfg.QueueSize), ctx: ctx, cancel: cancel}
}

// newClient is the HTTP client of deliveries: bounded in time, and never following a
// redirect, so that a push service cannot send the server to another address.
func newClient() *http.Client {
	return &http.Client{
		Timeout:       20 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// start runs the workers.
func (n *Notifier) start() {
	for range n.cfg.Workers {
		go n.work()
	}
}

// work handles events until the Notifier stops.
func (n *Notifier) work() {
	for {
		select {
		case <-n.ctx.Done():
			return
		case ev := <-n.jobs:
			n.handle(ev)
			n.pending.Done()
		}
	}
}

// enqueue queues ev for the workers; on a full queue or a stopped Notifier it drops ev and
// logs it: a notification is never worth slowing a write.
func (n *Notifier) enqueue(ev event) {
	if n.stopped.Load() {
		return
	}
	n.pending.Add(1)
	select {
	case n.jobs <- ev:
	default:
		n.pending.Done()
		n.app.Logger().Warn("push: queue full, notification dropped", "kind", ev.kind, "collection", ev.collection, "id", ev.id)
	}
}

// handle sends ev's notifications; a panic is logged, never kills the worker.
func (n *Notifier) handle(ev event) {
	defer func() {
		if r := recover(); r != nil {
			n.app.Logger().Error("push: notification failed", "kind", ev.kind, "id", ev.id, "panic", r)
		}
	}()
	for _, out := range n.notificationsFor(ev) {
		n.deliver(out)
	}
}

// Wait returns once every event queued so far was handled (tests, and a clean shutdown).
func (n *Notifier) Wait() {
	n.pending.Wait()
}

// Stop stops the workers and cancels the deliveries under way; events still queued are
// dropped.
func (n *Notifier) Stop() {
	n.once.Do(func() {
		n.stopped.Store(true)
		n.cancel()
		for {
			select {
			case <-n.jobs:
				n.pending.Done()
			default:
				return
			}
		}
	})
}
