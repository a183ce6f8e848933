package federation

import (
	"context"
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	s "github.com/maillage/maillage/schema"
)

// attempted, when set (by tests), hears of every attempt once its outcome is written.
var attempted func(inbox string, attempts int, err error)

// statusError is a delivery the inbox answered with an error status.
type statusError struct{ status int }

func (e statusError) Error() string { return fmt.Sprintf("status %d", e.status) }

// permanent says whether a failure is not worth retrying: a blocked domain, or a refusal
// (4xx) other than a timeout (408) or a rate limit (429).
func permanent(err error) bool {
	var se statusError
	if errors.As(err, &se) {
		return se.status >= 400 && se.status < 500 && se.status != 408 && se.status != 429
	}
	return errors.Is(err, errBlocked)
}

// attempt delivers the queued row, then frees its slot and its inbox.
func (q *queue) attempt(row queuedRow) {
	defer q.wg.Done()
	defer func() { <-q.slots; q.release(row.Inbox) }()
	rec, err := q.app.FindRecordById(s.FederationDeliveries, row.ID)
	if err != nil {
		return
	}
	raw, _ := rec.Get(s.DeliveryFields.Activity).(types.JSONRaw)
	err = q.send(q.ctx, row.Inbox, raw)
	if errors.Is(err, errNoAddress) || (errors.Is(err, context.Canceled) && q.ctx.Err() != nil) {
		return // no address yet, or stopped: the attempt does not count, the row waits
	}
	q.settle(rec, err)
}

// settle writes an attempt's outcome: a success or a last failure removes the row (the
// failure logged), another failure is retried after the next delay of backoff.
func (q *queue) settle(rec *core.Record, err error) {
	attempts := rec.GetInt(s.DeliveryFields.Attempts) + 1
	if err == nil || permanent(err) || attempts > len(backoff) {
		if err != nil {
			q.app.Logger().Warn("federation: delivery dropped", "inbox", rec.GetString(s.DeliveryFields.Inbox),
				"attempts", attempts, "error", err)
		}
		err = errors.Join(err, q.remove(rec.Id))
	} else {
		rec.Set(s.DeliveryFields.Attempts, attempts)
		rec.Set(s.DeliveryFields.Due, clock().Add(backoff[attempts-1]).UTC())
		rec.Set(s.DeliveryFields.Error, truncate(err.Error(), 500))
		err = errors.Join(err, q.app.Save(rec))
	}
	if attempted != nil {
		attempted(rec.GetString(s.DeliveryFields.Inbox), attempts, err)
	}
}

// truncate cuts text to at most n bytes.
func truncate(text string, n int) string {
	if len(text) > n {
		return text[:n]
	}
	return text
}
