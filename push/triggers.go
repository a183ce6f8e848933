package push

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// writerKey is a hidden custom value on a record being updated through the API: who writes
// it, so that a moderator deciding on their own contribution is not notified of it.
const writerKey = "maillagePushWriter"

// bindTriggers queues an event for each write that may notify someone. All run after the
// write committed (On*AfterSuccess) and only queue: the write never waits for a push service.
// They bind by collection name, so a collection that does not exist yet simply never fires.
func bindTriggers(app core.App, n *Notifier) {
	app.OnRecordAfterCreateSuccess(s.Messages).BindFunc(func(e *core.RecordEvent) error {
		n.enqueue(event{kind: kindMessage, collection: s.Messages, id: e.Record.Id, writer: e.Record.GetString(s.FieldAuthor)})
		return e.Next()
	})
	app.OnRecordAfterCreateSuccess(collComments).BindFunc(func(e *core.RecordEvent) error {
		n.enqueue(event{kind: kindReply, collection: collComments, id: e.Record.Id, writer: e.Record.GetString(s.FieldAuthor)})
		return e.Next()
	})
	app.OnRecordUpdateRequest(s.Content...).BindFunc(func(e *core.RecordRequestEvent) error {
		if e.Auth != nil {
			e.Record.Set(writerKey, e.Auth.Id)
			e.Record.Hide(writerKey)
		}
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess(s.Content...).BindFunc(func(e *core.RecordEvent) error {
		queueDecision(n, e.Record)
		return e.Next()
	})
	app.OnRecordAfterCreateSuccess(s.NearKinds...).BindFunc(func(e *core.RecordEvent) error {
		queueNear(n, e.Record, "")
		return e.Next()
	})
}

// queueDecision queues a decision when rec's status just became published or rejected, and a
// "near" event when an event or offer was just published.
func queueDecision(n *Notifier, rec *core.Record) {
	before, after := rec.Original().GetString(s.FieldStatus), rec.GetString(s.FieldStatus)
	if before == after || (after != s.StatusPublished && after != s.StatusRejected) {
		return
	}
	writer := rec.GetString(writerKey)
	n.enqueue(event{kind: kindDecision, collection: rec.Collection().Name, id: rec.Id, status: after, writer: writer})
	queueNear(n, rec, writer)
}

// queueNear queues a "near" event for an event or offer that is published.
func queueNear(n *Notifier, rec *core.Record, writer string) {
	name := rec.Collection().Name
	if (name == s.Events || name == s.Offers) && rec.GetString(s.FieldStatus) == s.StatusPublished {
		n.enqueue(event{kind: kindNear, collection: name, id: rec.Id, writer: writer})
	}
}
