package discussions

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// bindTargets keeps comments in step with their targets, in the target's own transaction: a
// target whose visibility, community, author, status or deleted flag changes saves its
// comments again (checkComment copies the new values, and the sync logs each comment, so a
// device that may no longer read one gets it removed); a deleted target takes its comments.
func bindTargets(app core.App) {
	app.OnRecordUpdate(s.CommentTargets...).BindFunc(func(e *core.RecordEvent) error {
		if !targetChanged(e.Record) {
			return e.Next()
		}
		return inTx(e, func(tx core.App) error {
			if err := e.Next(); err != nil {
				return err
			}
			return resaveComments(tx, e.Record)
		})
	})
	app.OnRecordDelete(s.CommentTargets...).BindFunc(func(e *core.RecordEvent) error {
		return inTx(e, func(tx core.App) error {
			if err := deleteComments(tx, e.Record); err != nil {
				return err
			}
			return e.Next()
		})
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

// commentsOf returns the comments of target; topOnly keeps the top-level ones.
func commentsOf(app core.App, target *core.Record, topOnly bool) ([]*core.Record, error) {
	where := dbx.HashExp{s.FieldCommentTarget: target.Collection().Name, s.FieldCommentTargetID: target.Id}
	if topOnly {
		where[s.FieldCommentParent] = ""
	}
	recs, err := app.FindAllRecords(s.Comments, where)
	if err != nil {
		return nil, fmt.Errorf("find comments of %s/%s: %w", target.Collection().Name, target.Id, err)
	}
	return recs, nil
}

// resaveComments saves every comment of target again, so that each copies its new values.
func resaveComments(app core.App, target *core.Record) error {
	comments, err := commentsOf(app, target, false)
	if err != nil {
		return err
	}
	for _, c := range comments {
		if err := app.Save(c); err != nil {
			return fmt.Errorf("update comment %s: %w", c.Id, err)
		}
	}
	return nil
}

// deleteComments deletes the comments of target: the top-level ones (their replies follow,
// parent cascades), then any left.
func deleteComments(app core.App, target *core.Record) error {
	for _, topOnly := range []bool{true, false} {
		comments, err := commentsOf(app, target, topOnly)
		if err != nil {
			return err
		}
		for _, c := range comments {
			if err := app.Delete(c); err != nil {
				return fmt.Errorf("delete comment %s: %w", c.Id, err)
			}
		}
	}
	return nil
}
