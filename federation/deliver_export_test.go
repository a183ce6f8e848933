package federation

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// UseClockForTest makes the delivery queue read the time from now until restore is called.
func UseClockForTest(now func() time.Time) (restore func()) {
	saved := clock
	clock = now
	return func() { clock = saved }
}

// OnAttemptForTest calls heard after every delivery attempt, once its outcome is written
// (err is nil for a success), until restore is called.
func OnAttemptForTest(heard func(inbox string, attempts int, err error)) (restore func()) {
	saved := attempted
	attempted = heard
	return func() { attempted = saved }
}

// UseWorkersForTest makes the queues made from now on run n deliveries at once.
func UseWorkersForTest(n int) (restore func()) {
	saved := deliveryWorkers
	deliveryWorkers = n
	return func() { deliveryWorkers = saved }
}

// WakeForTest makes app's delivery queue look for due deliveries now.
func WakeForTest(app core.App) { app.Store().Get(queueStoreKey).(*queue).poke() }

// DueForTest counts the deliveries app's queue would start now.
func DueForTest(app core.App) int {
	rows, err := app.Store().Get(queueStoreKey).(*queue).due()
	if err != nil {
		panic(err)
	}
	return len(rows)
}

// Backoff is the wait before each retry of a failed delivery.
func Backoff() []time.Duration { return backoff }

// InboxesForTest lists the inboxes an activity of followed ("" the territory, else an
// organisation's id) is queued for.
func InboxesForTest(app core.App, followed string) []string {
	f := &federation{client: newClient()}
	inboxes, err := f.inboxes(app.Store().Get(queueStoreKey).(*queue), followed)
	if err != nil {
		panic(err)
	}
	return inboxes
}
