package federation

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// bindDelivery queues for the followers a Create when an event, initiative or offer becomes
// public, an Update when a public one changes and a Delete when it stops being public or is
// deleted. Queuing happens after the write has committed, in the background: a write never
// waits on the queue nor on a follower. The queue runs while the app serves.
func (f *federation) bindDelivery(app core.App) {
	q := newQueue(app, f.sender(app))
	for c := range published {
		app.OnRecordAfterCreateSuccess(c).BindFunc(func(e *core.RecordEvent) error {
			f.announce(q, e.Record, activityKind(e.Record, false))
			return e.Next()
		})
		app.OnRecordAfterUpdateSuccess(c).BindFunc(func(e *core.RecordEvent) error {
			f.announce(q, e.Record, activityKind(e.Record, true))
			return e.Next()
		})
		app.OnRecordAfterDeleteSuccess(c).BindFunc(func(e *core.RecordEvent) error {
			if isPublicRecord(e.Record) {
				f.announce(q, e.Record, "Delete")
			}
			return e.Next()
		})
	}
	bindQueueLife(app, q)
	bindSharedInboxReset(app)
}

// bindQueueLife starts the queue when the app serves and stops it when the app terminates.
func bindQueueLife(app core.App, q *queue) {
	var once sync.Once
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		once.Do(q.start)
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		q.close()
		return e.Next()
	})
}

// isPublicRecord says whether anyone may read rec: public, published and not deleted (and, for
// an offer, still on offer).
func isPublicRecord(rec *core.Record) bool {
	return rec.GetString(s.FieldVisibility) == s.VisibilityPublic &&
		rec.GetString(s.FieldStatus) == s.StatusPublished && !rec.GetBool(s.FieldDeleted) && !fromFediverse(rec) &&
		(rec.Collection().Name != s.Offers || stillOffered(rec.GetString(s.OfferFields.State)))
}

// activityKind is the activity a write of rec makes ("" for none): Create when it becomes
// public, Update when it stays public, Delete when it stops being public.
func activityKind(rec *core.Record, update bool) string {
	now, was := isPublicRecord(rec), update && isPublicRecord(rec.Original())
	switch {
	case now && !was:
		return "Create"
	case now:
		return "Update"
	case was:
		return "Delete"
	}
	return ""
}

// announce queues, in the background, the activity kind ("" for none) of rec for every
// follower. Nothing is sent while the site's public address is not set.
func (f *federation) announce(q *queue, rec *core.Record, kind string) {
	if kind == "" || siteBase(q.app) == "" {
		return
	}
	snapshot := rec.Fresh()
	q.wg.Add(1)
	go func() {
		defer q.wg.Done()
		if err := f.enqueue(q, snapshot, kind); err != nil {
			q.app.Logger().Warn("federation: queue", "type", kind, "id", snapshot.Id, "error", err)
		}
	}()
}

// enqueue queues the activity kind of rec once for each inbox of the followers.
func (f *federation) enqueue(q *queue, rec *core.Record, kind string) error {
	inboxes, err := f.inboxes(q)
	if err != nil || len(inboxes) == 0 {
		return err
	}
	refs, err := newRefs(q.app, siteBase(q.app))
	if err != nil {
		return err
	}
	body, err := json.Marshal(refs.activity(kind, rec))
	if err != nil {
		return err
	}
	return q.push(body, inboxes...)
}

// activity is the Create, Update or Delete (of a Tombstone) of rec's object.
func (r *objectRefs) activity(kind string, rec *core.Record) map[string]any {
	if kind == "Create" {
		a := r.create(rec)
		a["@context"] = asContext
		return a
	}
	object := map[string]any{"id": r.objectID(rec), "type": "Tombstone"}
	if kind == "Update" {
		object = published[rec.Collection().Name](r, rec)
	}
	actor := r.base + actorPath
	return map[string]any{
		"@context": asContext, "id": r.objectID(rec) + "#" + strings.ToLower(kind) + "-" + strconv.FormatInt(rec.GetDateTime(s.FieldUpdated).Time().UnixMilli(), 10),
		"type": kind, "actor": actor, "to": []string{Published}, "cc": []string{actor + "/followers"}, "object": object,
	}
}
