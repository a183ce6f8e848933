// Package dedup finds records that describe the same place, body or event twice (two sources,
// or a source and a hand-made record), stores them as candidate pairs in the duplicates
// collection for moderators, and merges a pair field by field: the kept record gains the
// chosen values and both provenances, the other becomes a soft-deleted redirect to it.
//
//	dedup.Register(app)                     // keys table, hooks and routes
//	n, err := dedup.Flag(app, rec)          // after an import saved rec: pairs stored
//	id, err := dedup.Resolve(app, schema.Initiatives, "cartes-locales", "42") // the kept record
//
// Routes (moderators; the redirect is public): GET /api/maillage/duplicates,
// POST /api/maillage/duplicates/{id}/merge, POST /api/maillage/duplicates/{id}/dismiss,
// GET /api/maillage/redirect/{collection}/{id}. The score: docs/interop.md, "Duplicates".
package dedup

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Register binds duplicate detection to app: the keys table kept in step with every write,
// people's new records flagged as they are created, and the routes.
func Register(app core.App) {
	if app.IsBootstrapped() { // test apps are migrated before Bind
		logError(app, EnsureKeys(app))
	}
	app.OnBootstrap().BindFunc(func(e *core.BootstrapEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		logError(e.App, EnsureKeys(e.App))
		return nil
	})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		logError(se.App, EnsureKeys(se.App)) // after the migrations the serve command ran
		bindRoutes(se)
		return se.Next()
	})
	bindKeys(app)
	bindFlagOnCreate(app)
	bindDecidedBy(app)
}

// bindDecidedBy names the moderator who dismisses (or reopens) a pair through the collection's
// own API, as the dismiss route does; the update rule lets them change the status only.
func bindDecidedBy(app core.App) {
	app.OnRecordUpdateRequest(s.Duplicates).BindFunc(func(e *core.RecordRequestEvent) error {
		if e.Auth != nil && e.Auth.Collection().Name == s.Users {
			e.Record.Set(s.FieldDupDecidedBy, e.Auth.Id)
		}
		return e.Next()
	})
}

// bindKeys keeps the keys table in step with every save and delete, inside its transaction.
func bindKeys(app core.App) {
	app.OnRecordCreate(s.Mergeable...).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return addKeys(e.App, e.Record) // a new id has no keys to replace
	})
	app.OnRecordUpdate(s.Mergeable...).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return writeKeys(e.App, e.Record)
	})
	app.OnRecordDelete(s.Mergeable...).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return deleteKeys(e.App, e.Record)
	})
}

// bindFlagOnCreate flags the records people create (REST, batch, sync, dashboard): a resident
// adding a place an import already brought is the commonest duplicate. Imported records (with
// a source) are flagged by the importer itself, which counts them in its summary.
func bindFlagOnCreate(app core.App) {
	app.OnRecordAfterCreateSuccess(s.Mergeable...).BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetString(s.FieldSource) == "" {
			if _, err := Flag(e.App, e.Record); err != nil {
				e.App.Logger().Error("flag duplicates", "collection", e.Record.Collection().Name, "id", e.Record.Id, "error", err)
			}
		}
		return e.Next()
	})
}

func logError(app core.App, err error) {
	if err != nil {
		app.Logger().Error("dedup keys", "error", err)
	}
}
