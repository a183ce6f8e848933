package push

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// writerKey is a hidden custom value on a record being updated through the API: who writes
// it, so that a moderator deciding on their own contribution is not notified of it.
const writerKey = "maillagePushWriter"

// decided lists the moderated contributions whose authors hear of a moderator's decision:
// the content of the map, agenda, directory and offers, and forum threads and news.
var decided = append([]string{s.Threads, s.Posts}, s.Content...)

// bindTriggers queues an event for each write that may notify someone. All run after the
// write committed (On*AfterSuccess) and only queue: the write never waits for a push service.
// They bind by collection name, so a collection that does not exist yet simply never fires.
func bindTriggers(app core.App, n *Notifier) {
	app.OnRecordAfterCreateSuccess(s.Messages).BindFunc(func(e *core.RecordEvent) error {
		n.enqueue(event{kind: kindMessage, collection: s.Messages, id: e.Record.Id, writer: e.Record.GetString(s.FieldAuthor)})
		return e.Next()
	})
	app.OnRecordAfterCreateSuccess(s.Comments).BindFunc(func(e *core.RecordEvent) error {
		queueReply(n, e.Record, "")
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess(s.Comments).BindFunc(func(e *core.RecordEvent) error {
		queueReply(n, e.Record, e.Record.Original().GetString(s.FieldStatus))
		return e.Next()
	})
	app.OnRecordUpdateRequest(decided...).BindFunc(func(e *core.RecordRequestEvent) error {
		if e.Auth != nil {
			e.Record.Set(writerKey, e.Auth.Id)
			e.Record.Hide(writerKey)
		}
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess(decided...).BindFunc(func(e *core.RecordEvent) error {
		queueDecision(n, e.Record)
		return e.Next()
	})
	app.OnRecordAfterCreateSuccess(s.NearKinds...).BindFunc(func(e *core.RecordEvent) error {
		queueNear(n, e.Record, "")
		return e.Next()
	})
}

// queueReply queues a reply when a comment becomes readable: created published, or
// published by a moderator later (a resident's comment waits for one).
func queueReply(n *Notifier, comment *core.Record, before string) {
	if before == s.StatusPublished || comment.GetString(s.FieldStatus) != s.StatusPublished {
		return
	}
	n.enqueue(event{kind: kindReply, collection: s.Comments, id: comment.Id, writer: comment.GetString(s.FieldAuthor)})
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
