package federation

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	s "github.com/maillage/maillage/schema"
)

// queuedRow is a delivery at the head of its inbox's line.
type queuedRow struct {
	ID    string `db:"id"`
	Inbox string `db:"inbox"`
}

// headOfLine keeps, of each inbox's deliveries, the first queued (SQLite's rowid is the order
// of insertion), so that an Update never overtakes its Create.
const headOfLine = "[[rowid]] = (SELECT MIN([[rowid]]) FROM {{" + s.FederationDeliveries + "}} AS [[o]] WHERE [[o.inbox]] = [[d.inbox]])"

// due reads the deliveries due now that head their inbox's line, oldest first.
func (q *queue) due() ([]queuedRow, error) {
	var rows []queuedRow
	err := q.app.DB().NewQuery("SELECT [[d.id]] AS [[id]], [[d.inbox]] AS [[inbox]] FROM {{" + s.FederationDeliveries +
		"}} AS [[d]] WHERE [[d.due]] <= {:now} AND " + headOfLine + " ORDER BY [[d.due]], [[d.rowid]] LIMIT 200").
		Bind(dbx.Params{"now": stamp(clock())}).All(&rows)
	return rows, err
}

// untilNext is how long until the next delivery at the head of its line is due (at most
// maxIdle): those due now are under way, and their end wakes the dispatcher.
func (q *queue) untilNext() time.Duration {
	var next string
	err := q.app.DB().NewQuery("SELECT COALESCE(MIN([[d.due]]), '') FROM {{" + s.FederationDeliveries +
		"}} AS [[d]] WHERE [[d.due]] > {:now} AND " + headOfLine).Bind(dbx.Params{"now": stamp(clock())}).Row(&next)
	if err != nil || next == "" {
		return maxIdle
	}
	at, err := types.ParseDateTime(next)
	if err != nil {
		return maxIdle
	}
	return min(maxIdle, max(time.Second, at.Time().Sub(clock())))
}

// stamp is t as the database writes dates.
func stamp(t time.Time) string {
	d, _ := types.ParseDateTime(t.UTC())
	return d.String()
}

// claim marks inbox under way; false when it already is.
func (q *queue) claim(inbox string) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.inFlight[inbox] {
		return false
	}
	q.inFlight[inbox] = true
	return true
}

// release marks inbox free again and wakes the dispatcher for its next delivery.
func (q *queue) release(inbox string) {
	q.mu.Lock()
	delete(q.inFlight, inbox)
	q.mu.Unlock()
	q.poke()
}

// push queues activity (JSON) for each inbox, due now, in one transaction, and wakes the
// dispatcher. It writes the rows directly (no record hooks): the queue is the package's own.
func (q *queue) push(activity []byte, inboxes ...string) error {
	now := stamp(clock())
	err := q.app.RunInTransaction(func(tx core.App) error {
		for _, inbox := range inboxes {
			_, err := tx.DB().Insert(s.FederationDeliveries, dbx.Params{
				"id": core.GenerateDefaultRandomId(), s.DeliveryFields.Inbox: inbox, s.DeliveryFields.Activity: string(activity),
				s.DeliveryFields.Attempts: 0, s.DeliveryFields.Due: now, s.DeliveryFields.Error: "",
				s.FieldCreated: now, s.FieldUpdated: now,
			}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	})
	q.poke()
	return err
}

// remove deletes the delivery id from the queue.
func (q *queue) remove(id string) error {
	_, err := q.app.NonconcurrentDB().Delete(s.FederationDeliveries, dbx.HashExp{"id": id}).Execute()
	return err
}
