package federation

import (
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// bindDelivery sends the followers a Create when an event or initiative becomes public, an
// Update when a public one changes and a Delete when it stops being public or is deleted, after
// the write has committed, in the background: a write never waits on a follower.
func (f *federation) bindDelivery(app core.App) {
	for c := range published {
		app.OnRecordAfterCreateSuccess(c).BindFunc(func(e *core.RecordEvent) error {
			f.announce(e.App, e.Record, activityKind(e.Record, false))
			return e.Next()
		})
		app.OnRecordAfterUpdateSuccess(c).BindFunc(func(e *core.RecordEvent) error {
			f.announce(e.App, e.Record, activityKind(e.Record, true))
			return e.Next()
		})
		app.OnRecordAfterDeleteSuccess(c).BindFunc(func(e *core.RecordEvent) error {
			if isPublicRecord(e.Record) {
				f.announce(e.App, e.Record, "Delete")
			}
			return e.Next()
		})
	}
}

// isPublicRecord says whether anyone may read rec: public, published and not deleted.
func isPublicRecord(rec *core.Record) bool {
	return rec.GetString(s.FieldVisibility) == s.VisibilityPublic &&
		rec.GetString(s.FieldStatus) == s.StatusPublished && !rec.GetBool(s.FieldDeleted) && !fromFediverse(rec)
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

// announce delivers the activity kind ("" for none) of rec to every follower. Nothing is sent
// while the site's public address (the application URL of the settings) is not set.
func (f *federation) announce(app core.App, rec *core.Record, kind string) {
	base := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	if kind == "" || base == "" || base == "http://localhost:8090" {
		return
	}
	followers, err := app.FindAllRecords(s.FederationFollowers)
	if err != nil || len(followers) == 0 {
		return
	}
	refs, err := newRefs(app, base)
	if err != nil {
		app.Logger().Warn("federation: announce", "error", err)
		return
	}
	activity := refs.activity(kind, rec)
	keys, err := f.keys.get(app)
	if err != nil {
		app.Logger().Warn("federation: announce", "error", err)
		return
	}
	for _, follower := range followers {
		go f.deliverLogged(app, follower.GetString(s.FollowerFields.Inbox), activity, refs.base+actorPath+"#main-key", keys.PrivateKeyPEM)
	}
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

// deliverLogged delivers activity to inbox, logging a failure (no retry yet).
func (f *federation) deliverLogged(app core.App, inbox string, activity map[string]any, keyID, privatePEM string) {
	if err := f.deliver(inbox, activity, keyID, privatePEM); err != nil {
		app.Logger().Warn("federation: deliver", "inbox", inbox, "type", activity["type"], "error", err)
	}
}
