package revisions

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Field-level reading: the rules let through the revisions of the records a person may read;
// this enrich hook then leaves out of changes the fields only the record's author and
// moderators read (the hidden fields and s.RevisionRestricted).

// bindAccess binds the enrich hook that filters the changes of each revision read.
func bindAccess(app core.App) {
	app.OnRecordEnrich(s.Revisions).BindFunc(func(e *core.RecordEnrichEvent) error {
		var auth *core.Record
		if e.RequestInfo != nil {
			auth = e.RequestInfo.Auth
		}
		if !readsEverything(auth, e.Record) {
			filterChanges(e.App, e.Record)
		}
		return e.Next()
	})
}

// readsEverything reports whether auth reads every field of rev's record: a superuser, the
// record's author or a moderator.
func readsEverything(auth *core.Record, rev *core.Record) bool {
	if auth == nil {
		return false
	}
	return auth.IsSuperuser() || auth.Id == rev.GetString(s.FieldRevisionRecordAuthor) ||
		auth.GetString(s.FieldRole) == s.RoleModerator
}

// filterChanges removes the restricted fields from rev's changes.
func filterChanges(app core.App, rev *core.Record) {
	restricted := restrictedFields(app, rev.GetString(s.FieldRevisionCollection))
	changes := decodeChanges(rev)
	for f := range changes {
		if slices.Contains(restricted, f) {
			delete(changes, f)
		}
	}
	rev.Set(s.FieldRevisionChanges, changes)
}

// restrictedFields lists the fields of collection others may not read in its history.
func restrictedFields(app core.App, collection string) []string {
	fields := slices.Clone(s.RevisionRestricted[collection])
	c, err := app.FindCachedCollectionByNameOrId(collection)
	if err != nil {
		return fields
	}
	for _, f := range c.Fields {
		if f.GetHidden() {
			fields = append(fields, f.GetName())
		}
	}
	return fields
}
