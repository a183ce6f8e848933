package network

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	s "github.com/maillage/maillage/schema"
)

// bindNodes keeps links in step with their nodes, in the node's own transaction: a node saved
// again saves its links again (checkLink copies its new editors and visibility, and the sync
// logs each link, so that a device that may no longer read one gets it removed); an
// organisation also saves the links of its initiatives (their editors include its members); a
// membership saves its community's links; a deleted node takes its links.
func bindNodes(app core.App) {
	app.OnRecordUpdate(s.LinkNodes...).BindFunc(func(e *core.RecordEvent) error {
		return afterInTx(e, func(tx core.App) error { return resaveNode(tx, e.Record) })
	})
	app.OnRecordDelete(s.LinkNodes...).BindFunc(func(e *core.RecordEvent) error {
		return inTx(e, func(tx core.App) error {
			if err := deleteLinks(tx, e.Record.Collection().Name, e.Record.Id); err != nil {
				return err
			}
			return e.Next()
		})
	})
	for _, bind := range []func(...string) *hook.TaggedHook[*core.RecordEvent]{app.OnRecordCreate, app.OnRecordUpdate, app.OnRecordDelete} {
		bind(s.Memberships).BindFunc(func(e *core.RecordEvent) error {
			return afterInTx(e, func(tx core.App) error {
				return resaveLinks(tx, s.Communities, e.Record.GetString(fieldMembershipGroup))
			})
		})
	}
}

// afterInTx runs then after the event's own write, in one transaction with it.
func afterInTx(e *core.RecordEvent, then func(tx core.App) error) error {
	return inTx(e, func(tx core.App) error {
		if err := e.Next(); err != nil {
			return err
		}
		return then(tx)
	})
}

// inTx runs fn in a transaction that the event's later hooks share, and gives the event its
// app back after: the hooks bound before this one resume after the commit, when the
// transaction's app is no longer usable.
func inTx(e *core.RecordEvent, fn func(tx core.App) error) error {
	app := e.App
	defer func() { e.App = app }()
	return app.RunInTransaction(func(tx core.App) error {
		e.App = tx
		return fn(tx)
	})
}

// resaveNode saves again the links of node and, for an organisation, those of its initiatives.
func resaveNode(app core.App, node *core.Record) error {
	coll := node.Collection().Name
	if err := resaveLinks(app, coll, node.Id); err != nil {
		return err
	}
	if coll != s.Organisations {
		return nil
	}
	initiatives, err := app.FindAllRecords(s.Initiatives, dbx.HashExp{fieldOrganisation: node.Id})
	if err != nil {
		return fmt.Errorf("find initiatives of %s: %w", node.Id, err)
	}
	for _, i := range initiatives {
		if err := resaveLinks(app, s.Initiatives, i.Id); err != nil {
			return err
		}
	}
	return nil
}

// linksOf returns the links from or to the node coll/id.
func linksOf(app core.App, coll, id string) ([]*core.Record, error) {
	recs, err := app.FindAllRecords(s.Links, dbx.Or(
		dbx.HashExp{s.FieldLinkFromCollection: coll, s.FieldLinkFromID: id},
		dbx.HashExp{s.FieldLinkToCollection: coll, s.FieldLinkToID: id},
	))
	if err != nil {
		return nil, fmt.Errorf("find links of %s/%s: %w", coll, id, err)
	}
	return recs, nil
}

// resaveLinks saves every link of the node coll/id again, so that each copies its new values.
func resaveLinks(app core.App, coll, id string) error {
	links, err := linksOf(app, coll, id)
	if err != nil {
		return err
	}
	for _, l := range links {
		if err := app.Save(l); err != nil {
			return fmt.Errorf("update link %s: %w", l.Id, err)
		}
	}
	return nil
}

// deleteLinks deletes the links of the node coll/id.
func deleteLinks(app core.App, coll, id string) error {
	links, err := linksOf(app, coll, id)
	if err != nil {
		return err
	}
	for _, l := range links {
		if err := app.Delete(l); err != nil {
			return fmt.Errorf("delete link %s: %w", l.Id, err)
		}
	}
	return nil
}
