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

// enqueue queues the activity kind of rec once for each inbox of the territory's followers,
// and, from its organisation's actor, once for each inbox of that organisation's followers.
func (f *federation) enqueue(q *queue, rec *core.Record, kind string) error {
	refs, err := newRefs(q.app, siteBase(q.app))
	if err != nil {
		return err
	}
	audiences := []string{""} // the territory's followers, then its organisation's
	if org := organisationOf(rec); org != "" {
		audiences = append(audiences, org)
	}
	for _, followed := range audiences {
		if err := f.enqueueFor(q, followed, refs.from(followed, refs.activity(kind, rec))); err != nil {
			return err
		}
	}
	return nil
}

// enqueueFor queues activity once for each inbox of the followers of followed.
func (f *federation) enqueueFor(q *queue, followed string, activity map[string]any) error {
	inboxes, err := f.inboxes(q, followed)
	if err != nil || len(inboxes) == 0 {
		return err
	}
	body, err := json.Marshal(activity)
	if err != nil {
		return err
	}
	return q.push(body, inboxes...)
}

// organiserFields name the organisation of a record, by collection: its actor announces it.
var organiserFields = map[string]string{s.Events: s.EventFields.Organiser, s.Initiatives: s.InitiativeFields.Organisation}

// organisationOf is the id of rec's organisation, "" when it has none.
func organisationOf(rec *core.Record) string {
	if field, ok := organiserFields[rec.Collection().Name]; ok {
		return rec.GetString(field)
	}
	return ""
}

// from makes activity the organisation org's (its actor, its followers, an id of its own);
// unchanged for the territory ("").
func (r *objectRefs) from(org string, activity map[string]any) map[string]any {
	if org == "" {
		return activity
	}
	actor := r.base + organisationsPath + org
	activity["id"] = activity["id"].(string) + "-" + org
	activity["actor"], activity["cc"] = actor, []string{actor + "/followers"}
	return activity
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
