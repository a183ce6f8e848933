package mobilesync

import (
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// fakePokeClock drives a poker step by step: time moves only when the test says so, and
// scheduled pokes run only when the test fires them.
type fakePokeClock struct {
	now     time.Time
	delays  []time.Duration
	pending []func()
	head    int64
	sent    []int64
}

func newFakePoker() (*poker, *fakePokeClock) {
	c := &fakePokeClock{now: time.Date(2026, 11, 29, 21, 0, 0, 0, time.UTC)}
	p := &poker{
		now:   func() time.Time { return c.now },
		after: func(d time.Duration, f func()) { c.delays, c.pending = append(c.delays, d), append(c.pending, f) },
		head:  func(core.App) (int64, error) { return c.head, nil },
		send:  func(_ core.App, h int64) { c.sent = append(c.sent, h) },
	}
	return p, c
}

// fire runs the pokes scheduled so far.
func (c *fakePokeClock) fire() {
	run := c.pending
	c.pending = nil
	for _, f := range run {
		f()
	}
}

// Pokes are throttled: the first commit after a quiet interval is announced at once, commits
// within the interval share one trailing poke carrying the head when it fires, and a poke
// whose head did not move is not sent.
func TestPokeIsThrottled(t *testing.T) {
	p, c := newFakePoker()
	c.head = 1
	for range 3 {
		p.notify(nil)
	}
	c.fire()
	c.now = c.now.Add(10 * time.Millisecond)
	for h := int64(2); h <= 6; h++ {
		c.head = h
		p.notify(nil)
	}
	c.fire()
	c.now = c.now.Add(time.Second)
	p.notify(nil) // a commit whose head is already announced (e.g. a no-op write)
	c.fire()

	wantDelays := []time.Duration{0, pokeInterval - 10*time.Millisecond, 0}
	if !slices.Equal(c.delays, wantDelays) {
		t.Errorf("pokes scheduled after %v, want %v", c.delays, wantDelays)
	}
	if !slices.Equal(c.sent, []int64{1, 6}) {
		t.Errorf("pokes sent with heads %v, want [1 6]: one per interval, the head when it fires", c.sent)
	}
}

// A poke scheduled before the app terminates does nothing when it fires afterwards (it would
// read an app being torn down).
func TestPokeAfterTerminateIsDropped(t *testing.T) {
	p, c := newFakePoker()
	c.head = 7
	p.notify(nil)
	p.close()
	c.fire()
	if len(c.sent) != 0 {
		t.Errorf("a poke fired after close sent %v", c.sent)
	}
}

// A poke whose timer fires once the app was reset without terminating (a backup restore
// re-opens it) reads no head, where it read a nil database and crashed the process.
func TestPokeHeadOfResetApp(t *testing.T) {
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: t.TempDir()})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	if err := app.ResetBootstrapState(); err != nil {
		t.Fatal(err)
	}
	if _, err := headSeq(app); err == nil {
		t.Error("the head of a reset app was read")
	}
}
