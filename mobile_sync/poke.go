package mobilesync

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
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
		head:  runningHead,
		send:  broadcastPoke,
	}
}

// errNotRunning skips a poke that fires after the app stopped.
var errNotRunning = errors.New("app not running")

func runningHead(app core.App) (int64, error) {
	if !app.IsBootstrapped() {
		return 0, errNotRunning
	}
	return headSeq(app)
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
}

// guardPokeTopic refuses the sync topic to anonymous clients: custom topics bypass API rules.
func guardPokeTopic(e *core.RealtimeSubscribeRequestEvent) error {
	for _, sub := range e.Subscriptions {
		topic, _, _ := strings.Cut(sub, "?")
		if topic == PokeTopic && e.Auth == nil {
			return e.ForbiddenError("Sign in to subscribe to the sync topic; anonymous clients pull on a timer.", nil)
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
	p.mu.Lock()
	app := p.app
	p.scheduled, p.last = false, p.now()
	p.mu.Unlock()
	head, err := p.head(app)
	if err != nil {
		if !errors.Is(err, errNotRunning) {
			app.Logger().Debug("sync: poke skipped", "error", err)
		}
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
