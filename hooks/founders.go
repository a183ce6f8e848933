package hooks

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	s "github.com/maillage/maillage/schema"
)

// Membership fields and the role a community's owner holds in it (fieldOwner: refusals.go).
const (
	fieldUser           = "user"
	fieldMembershipRole = "role"
	roleCoordinator     = "coordinator"
)

// bindFounders makes a community's owner one of its coordinators, in the transaction that
// founds the community or hands it to them, on every write path: REST, the batch API, sync and
// plain saves. A previous owner keeps their membership.
func bindFounders(app core.App) {
	app.OnRecordCreateExecute(s.Communities).Bind(&hook.Handler[*core.RecordEvent]{
		Id: FoundersHookID,
		Func: func(e *core.RecordEvent) error {
			return withOwnerCoordinator(e, e.Record.GetString(fieldOwner))
		},
	})
	app.OnRecordUpdateExecute(s.Communities).Bind(&hook.Handler[*core.RecordEvent]{
		Id: FoundersHookID,
		Func: func(e *core.RecordEvent) error {
			owner := e.Record.GetString(fieldOwner)
			if owner == e.Record.Original().GetString(fieldOwner) {
				return e.Next()
			}
			return withOwnerCoordinator(e, owner)
		},
	})
}

// FoundersHookID names the handlers of bindFounders (create and update execute of
// communities), so that a test can unbind them to show what the rule changes.
const FoundersHookID = "maillage_owner_coordinator"

// withOwnerCoordinator writes the community (e.Next) and the owner's membership in one
// transaction, opening one when the save is not already in a transaction (a single REST
// request is not), as PocketBase does for cascade deletes.
func withOwnerCoordinator(e *core.RecordEvent, owner string) error {
	original := e.App
	defer func() { e.App = original }()
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		return ensureCoordinator(tx, e.Record.Id, owner)
	})
}

// ensureCoordinator adds user to community as a coordinator unless they already belong to it
// (whatever their role).
func ensureCoordinator(app core.App, community, user string) error {
	_, err := app.FindFirstRecordByFilter(s.Memberships, "community = {:c} && user = {:u}",
		dbx.Params{"c": community, "u": user})
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("look up the membership of owner %s in community %s: %w", user, community, err)
	}
	c, err := app.FindCachedCollectionByNameOrId(s.Memberships)
	if err != nil {
		return fmt.Errorf("memberships collection: %w", err)
	}
	m := core.NewRecord(c)
	m.Set(s.FieldCommunity, community)
	m.Set(fieldUser, user)
	m.Set(fieldMembershipRole, roleCoordinator)
	// The membership is made of the community's own values, checked when the community was:
	// saving it unvalidated lets a community saved without validation (an import) keep its
	// owner's membership too.
	if err := app.SaveNoValidate(m); err != nil {
		return fmt.Errorf("make owner %s a coordinator of community %s: %w", user, community, err)
	}
	return nil
}
