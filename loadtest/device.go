package loadtest

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maillage/maillage/mobile_sync/client"
)

// Device is one simulated phone: a sync client with its own store, a realtime subscription,
// and the contributions it made with the names the server acknowledged.
type Device struct {
	N       int
	Account Account
	Client  *client.Client
	r       *run
	rng     *rand.Rand
	watcher bool // subscribes and browses only (Config.Syncing)

	mu    sync.Mutex
	names map[string]string // id of an acknowledged contribution → its last acknowledged name
	edits int

	pokes       atomic.Int64
	pullPending atomic.Bool
	pulls       sync.WaitGroup
}

// Contributions returns the device's acknowledged contributions: id → name.
func (d *Device) Contributions() map[string]string {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[string]string, len(d.names))
	for id, name := range d.names {
		out[id] = name
	}
	return out
}

// Pokes returns how many pokes the device heard.
func (d *Device) Pokes() int64 { return d.pokes.Load() }

// live runs the device: it arrives at its moment of the ramp (snapshot, subscription), then
// acts after random pauses until the end, pulling when poked.
func (d *Device) live(ctx context.Context, arrive, end time.Time) {
	if !d.wait(ctx, time.Until(arrive)) {
		return
	}
	if !d.watcher && d.r.rec.Time(OpSnapshot, func() error { return d.Client.Pull(ctx) }) != nil {
		return
	}
	subCtx, unsubscribe := context.WithCancel(ctx)
	defer unsubscribe()
	var sub *Subscription
	err := d.r.rec.Time(OpSubscribe, func() (err error) {
		sub, err = Subscribe(subCtx, d.r.stream, d.r.hc, d.r.cfg.BaseURL, d.Account.Token)
		return err
	})
	if err == nil {
		go d.listen(subCtx, ctx, sub)
	}
	for d.wait(ctx, min(d.pause(), time.Until(end))) && time.Now().Before(end) {
		d.act(ctx)
	}
	unsubscribe()
	d.pulls.Wait()
}

// listen pulls on pokes until the subscription ends (subCtx); a drop before the end is an
// error. Pulls run under ctx, so that ending the subscription does not cut one in flight.
func (d *Device) listen(subCtx, ctx context.Context, sub *Subscription) {
	defer sub.Close()
	go func() { <-subCtx.Done(); sub.Close() }()
	err := sub.Pokes(func() { d.poked(subCtx, ctx) })
	if subCtx.Err() == nil {
		d.r.rec.Fail(OpRealtime, errors.Join(errors.New("realtime connection dropped"), err))
	}
}

// poked pulls at a random moment of the poke spread; pokes while it waits add nothing.
func (d *Device) poked(subCtx, ctx context.Context) {
	d.pokes.Add(1)
	if d.watcher || !d.pullPending.CompareAndSwap(false, true) {
		return
	}
	d.mu.Lock()
	delay := time.Duration(d.rng.Int64N(int64(d.r.cfg.PokeSpread)))
	d.mu.Unlock()
	d.pulls.Add(1)
	time.AfterFunc(delay, func() {
		defer d.pulls.Done()
		d.pullPending.Store(false)
		if subCtx.Err() == nil {
			d.r.rec.Time(OpPull, func() error { return d.Client.Pull(ctx) })
		}
	})
}

// pause draws the time until the next action (exponential around Think).
func (d *Device) pause() time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	return time.Duration(d.rng.ExpFloat64() * float64(d.r.cfg.Think))
}

// wait sleeps for dt unless ctx ends first, and reports whether ctx is still alive.
func (d *Device) wait(ctx context.Context, dt time.Duration) bool {
	if dt <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(dt)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// act runs one action drawn from the mix.
func (d *Device) act(ctx context.Context) {
	d.mu.Lock()
	kind := d.r.cfg.Mix.pick(d.rng)
	d.mu.Unlock()
	if d.watcher && kind != OpList && kind != OpView && kind != OpGeoBox && kind != OpGeoNear {
		kind = OpList // a watcher does not contribute
	}
	switch kind {
	case OpList:
		d.r.rec.Time(kind, func() error { return d.list(ctx) })
	case OpView:
		d.r.rec.Time(kind, func() error { return d.view(ctx) })
	case OpGeoBox:
		d.r.rec.Time(kind, func() error { return d.geoBox(ctx) })
	case OpGeoNear:
		d.r.rec.Time(kind, func() error { return d.geoNear(ctx) })
	case "edit":
		d.edit(ctx)
	case OpPush:
		d.create(ctx, false)
	case OpPushPhoto:
		d.create(ctx, true)
	}
}
