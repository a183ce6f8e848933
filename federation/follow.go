package federation

import (
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// bindFollowing runs the territory's follows of remote actors (federationFollowing): a new row
// starts pending and, once committed, its target is resolved and sent a Follow in the
// background; deleting a row removes, in the same transaction, every record its actor brought,
// then sends the Undo in the background. A write never waits on a remote server.
func (f *federation) bindFollowing(app core.App) {
	app.OnRecordValidate(s.FederationFollowing).BindFunc(validateFollowing)
	app.OnRecordCreate(s.FederationFollowing).BindFunc(startPending)
	app.OnRecordAfterCreateSuccess(s.FederationFollowing).BindFunc(func(e *core.RecordEvent) error {
		f.inBackground(func() { f.startFollow(app, e.Record.Id) })
		return e.Next()
	})
	app.OnRecordDelete(s.FederationFollowing).BindFunc(func(e *core.RecordEvent) error {
		if err := removeImported(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
	app.OnRecordAfterDeleteSuccess(s.FederationFollowing).BindFunc(func(e *core.RecordEvent) error {
		deleted := e.Record.Fresh()
		f.inBackground(func() { f.sendUndo(app, deleted) })
		return e.Next()
	})
}

// startPending makes a new follow pending, from now.
func startPending(e *core.RecordEvent) error {
	e.Record.Set(s.FollowingFields.State, s.FollowPending)
	e.Record.Set(s.FollowingFields.StateAt, types.NowDateTime())
	return e.Next()
}

// validateFollowing refuses a target that is neither an actor's URL nor @name@host.
func validateFollowing(e *core.RecordEvent) error {
	if err := checkTarget(e.Record.GetString(s.FollowingFields.Target)); err != nil {
		return validation.Errors{s.FollowingFields.Target: i18n.NewError("following_target_invalid", nil)}
	}
	return e.Next()
}

// followingOf returns the row of the followed actor actorID.
func followingOf(app core.App, actorID string) (*core.Record, error) {
	return app.FindFirstRecordByFilter(s.FederationFollowing, s.FollowingFields.Actor+" = {:a}", dbx.Params{"a": actorID})
}

// removeImported deletes what a followed actor brought (its events and initiatives, their
// import states and its sources row), unless another row follows the same actor.
func removeImported(tx core.App, rec *core.Record) error {
	name := rec.GetString(s.FollowingFields.Source)
	others, err := tx.CountRecords(s.FederationFollowing, dbx.HashExp{s.FollowingFields.Source: name}, dbx.Not(dbx.HashExp{"id": rec.Id}))
	if name == "" || err != nil || others > 0 {
		return err
	}
	for _, c := range []string{s.Events, s.Initiatives} {
		if err := deleteImported(tx, c, dbx.HashExp{s.FieldSource: name}); err != nil {
			return err
		}
	}
	src, err := tx.FindFirstRecordByFilter(s.Sources, s.FieldSourceName+" = {:n}", dbx.Params{"n": name})
	if err != nil {
		return nil // no sources row: nothing more to remove
	}
	return tx.Delete(src)
}

// deleteImported deletes the records of collection c that where selects, with their import
// states.
func deleteImported(tx core.App, c string, where dbx.HashExp) error {
	recs, err := tx.FindAllRecords(c, where)
	if err != nil {
		return err
	}
	for _, rec := range recs {
		if err := tx.Delete(rec); err != nil {
			return err
		}
	}
	states := dbx.HashExp{s.FieldStateCollection: c}
	for k, v := range where {
		states[k] = v
	}
	_, err = tx.DB().Delete(s.ImportStates, states).Execute()
	return err
}

// notFromFediverse keeps, in SQL, the records that did not come from a followed actor: the
// territory publishes only its own (re-publishing another's would echo it between two
// territories that follow each other).
const notFromFediverse = "[[" + s.FieldSource + "]] NOT LIKE '" + s.FederationSourcePrefix + "%'"

// fromFediverse says whether rec came from a followed actor (see notFromFediverse).
func fromFediverse(rec *core.Record) bool {
	return strings.HasPrefix(rec.GetString(s.FieldSource), s.FederationSourcePrefix)
}
