package mobilesync

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
)

// A request waiting for one of the sync's read places stops waiting when it ends (its client
// gone), instead of holding its goroutine and, later, a connection for an answer nobody reads.
// Control: the same wait with a live request is still waiting when the first has returned.
func TestReadWaitEndsWithTheRequest(t *testing.T) {
	app, err := tests.NewTestApp()
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	sv := &service{reads: make(chan struct{}, 1)}
	sv.reads <- struct{}{} // every place taken
	ended, cancel := context.WithCancel(context.Background())
	gone, live := wait(sv, app, ended), wait(sv, app, context.Background())
	cancel()
	select {
	case err := <-gone:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the ended request's wait returned %v, want context.Canceled", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the ended request still waits for a read place")
	}
	select {
	case err := <-live:
		t.Fatalf("control: the live request stopped waiting with every place taken: %v", err)
	default:
	}
	<-sv.reads // a place frees: the live request reads
	if err := <-live; err != nil {
		t.Errorf("the live request, once a place was free: %v", err)
	}
}

// wait runs a read as the request of ctx in the background and returns its outcome.
func wait(sv *service, app *tests.TestApp, ctx context.Context) <-chan error {
	out := make(chan error, 1)
	go func() {
		out <- sv.readTx(ctx, app, func(db dbx.Builder) error {
			var n int
			return db.NewQuery("SELECT count(*) FROM sqlite_master").Row(&n)
		})
	}()
	return out
}
