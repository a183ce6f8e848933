package mobilesync

import (
	"encoding/json"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"

	"github.com/maillage/maillage/i18n"
)

// pokeInterval is the shortest time between two pokes: changes within it are announced
// together by one trailing poke carrying the head at that moment.
const pokeInterval = 250 * time.Millisecond

// poker announces the change log's head on the realtime topic "sync" after commits. Its clock,
// head reader and sender are fields so that tests can drive the throttle step by step.
type poker struct {
	mu        sync.Mutex
	app       core.App
	scheduled bool // a trailing poke is on its way
	last      time.Time
	lastHead  int64

	// life is held for reading while a poke fires and for writing when the app terminates,
	// so that no poke touches an app being torn down.
	life   sync.RWMutex
	closed bool

	now   func() time.Time
	after func(time.Duration, func())
	head  func(core.App) (int64, error)
	send  func(core.App, int64)
}

// newPoker returns a poker on the wall clock that broadcasts to the app's realtime clients.
func newPoker() *poker {
	return &poker{
		now:   time.Now,
		after: func(d time.Duration, f func()) { time.AfterFunc(d, f) },
		head:  headSeq,
		send:  broadcastPoke,
	}
}

// close stops the poker: a poke in flight finishes first, later ones do nothing.
func (p *poker) close() {
	p.life.Lock()
	defer p.life.Unlock()
	p.closed = true
}

// bindPoke pokes after every committed write of a synced collection and lets only signed-in
// clients subscribe to the topic.
func bindPoke(app core.App, collections []string) {
	p := newPoker()
	after := func(e *core.RecordEvent) error {
		p.notify(e.App)
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(collections...).BindFunc(after)
	app.OnRecordAfterUpdateSuccess(collections...).BindFunc(after)
	app.OnRecordAfterDeleteSuccess(collections...).BindFunc(after)
	app.OnRealtimeSubscribeRequest().BindFunc(guardPokeTopic)
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		p.close()
		return e.Next()
	})
}

// guardPokeTopic refuses the sync topic to anonymous clients: custom topics bypass API rules.
func guardPokeTopic(e *core.RealtimeSubscribeRequestEvent) error {
	for _, sub := range e.Subscriptions {
		topic, _, _ := strings.Cut(sub, "?")
		if topic == PokeTopic && e.Auth == nil {
			return e.ForbiddenError(i18n.Tr(e.RequestEvent, "sync_poke_sign_in", nil), nil)
		}
	}
	return e.Next()
}

// notify schedules a poke: at once when none was sent for pokeInterval, otherwise once at the
// end of the interval.
func (p *poker) notify(app core.App) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.app = app
	if p.scheduled {
		return // the trailing poke will cover this commit too
	}
	p.scheduled = true
	p.after(max(pokeInterval-p.now().Sub(p.last), 0), p.fire)
}

// fire reads the head now, so the poke covers every commit made before it, and sends it to the
// subscribers of the topic when it moved.
func (p *poker) fire() {
	p.life.RLock()
	defer p.life.RUnlock()
	if p.closed {
		return
	}
	p.mu.Lock()
	app := p.app
	p.scheduled, p.last = false, p.now()
	p.mu.Unlock()
	head, err := p.head(app)
	if err != nil {
		app.Logger().Debug("sync: poke skipped", "error", err)
		return
	}
	p.mu.Lock()
	changed := head != p.lastHead
	p.lastHead = head
	p.mu.Unlock()
	if changed {
		p.send(app, head)
	}
}

// broadcastPoke sends {headSeq} to every client subscribed to the topic, without waiting on
// slow clients.
func broadcastPoke(app core.App, head int64) {
	data, _ := json.Marshal(Poke{HeadSeq: head}) // a struct of one int always marshals
	for _, chunk := range app.SubscriptionsBroker().ChunkedClients(300) {
		for _, c := range chunk {
			// a subscription may carry options ("sync?options=…"): answer under its own name
			for sub := range c.Subscriptions(PokeTopic + "?") {
				go c.Send(subscriptions.Message{Name: sub, Data: data})
			}
		}
	}
}
