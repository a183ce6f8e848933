// Package revisions keeps every change to a content record as a revision (collection
// revisions: who or which source, when, each changed field's before and after), whatever
// wrote it, serves them within the read rights, and lets moderators revert a record or one
// field to an earlier revision.
//
//	revisions.Register(app)
package revisions

import (
	"encoding/json"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Change is one field's value before and after a revision.
type Change struct {
	Before any `json:"before"`
	After  any `json:"after"`
}

// Register binds the triggers' upkeep, the attribution and read hooks and the revert route.
func Register(app core.App) error {
	if app.IsBootstrapped() {
		if err := ensureTriggers(app); err != nil {
			return err
		}
	}
	after := func(e *core.CollectionEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return ensureTriggers(e.App)
	}
	app.OnCollectionCreate().BindFunc(after)
	app.OnCollectionUpdate().BindFunc(after)
	app.OnCollectionDelete().BindFunc(after)
	bindAttribution(app)
	bindAccess(app)
	bindForget(app)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if err := ensureTriggers(se.App); err != nil {
			return err
		}
		se.Router.POST("/api/maillage/revisions/{id}/revert", revert)
		return se.Next()
	})
	return nil
}

// decodeChanges reads a revision's changes.
func decodeChanges(rev *core.Record) map[string]Change {
	changes := map[string]Change{}
	raw, _ := json.Marshal(rev.Get(s.FieldRevisionChanges))
	_ = json.Unmarshal(raw, &changes)
	return changes
}
