package discussions

import (
	"database/sql"
	"errors"
	"fmt"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Error codes of refused comments (i18n/messages_discussions.go).
const (
	// codeTargetUnreadable: the target does not exist or its author cannot read it; both read
	// the same, so that a refusal reveals nothing of a record one cannot see.
	codeTargetUnreadable = "comment_target_unreadable"
	// codeParentElsewhere: the parent comment is about another record.
	codeParentElsewhere = "comment_parent_elsewhere"
	// codeProposalClosed: a proposal takes new comments and edits only during its consultation.
	codeProposalClosed = "comment_proposal_closed"
)

// bindComments checks new comments and copies their target's visibility into every comment
// saved, whatever the write path.
func bindComments(app core.App) {
	app.OnRecordValidate(s.Comments).BindFunc(func(e *core.RecordEvent) error {
		if err := checkComment(e.App, e.Record); err != nil {
			return err
		}
		return e.Next()
	})
}

// checkComment refuses a new comment whose author cannot read its target or whose parent is
// about another record, flattens replies, and copies the target's visibility.
func checkComment(app core.App, comment *core.Record) error {
	target, err := findTarget(app, comment)
	if errors.Is(err, sql.ErrNoRows) && !comment.IsNew() {
		return nil // a target gone since keeps its comments as they were until they are deleted
	}
	if err != nil {
		return targetRefusal(err)
	}
	if comment.IsNew() {
		if err := checkNew(app, comment, target); err != nil {
			return err
		}
	}
	if err := checkConsultation(comment, target); err != nil {
		return err
	}
	copyTarget(comment, target)
	return nil
}

// checkConsultation refuses a new comment on a proposal, or a change of its text, outside the
// proposal's consultation: before it the proposal is a draft, after it its comments are kept
// as they were (read-only; their author or a moderator may still delete them, a moderator
// still decides their status).
func checkConsultation(comment, target *core.Record) error {
	if target.Collection().Name != s.Proposals || target.GetString(s.FieldProposalPhase) == s.PhaseConsultation {
		return nil
	}
	if !comment.IsNew() && comment.Original().GetString(s.FieldDiscussionText) == comment.GetString(s.FieldDiscussionText) {
		return nil
	}
	return validation.Errors{s.FieldCommentTargetID: i18n.NewError(codeProposalClosed, nil)}
}

// checkNew checks the author of a new comment may read its target, and attaches a reply to
// the top comment of its thread.
func checkNew(app core.App, comment, target *core.Record) error {
	if err := checkReader(app, comment.GetString(s.FieldAuthor), target); err != nil {
		return err
	}
	parentID := comment.GetString(s.FieldCommentParent)
	if parentID == "" {
		return nil
	}
	parent, err := app.FindRecordById(s.Comments, parentID)
	if err != nil || !sameTarget(parent, comment) {
		return validation.Errors{s.FieldCommentParent: i18n.NewError(codeParentElsewhere, nil)}
	}
	comment.Set(s.FieldCommentParent, topOf(parent))
	return nil
}

// findTarget returns the record a comment is about.
func findTarget(app core.App, comment *core.Record) (*core.Record, error) {
	coll, id := comment.GetString(s.FieldCommentTarget), comment.GetString(s.FieldCommentTargetID)
	if !isTarget(coll) || id == "" {
		return nil, sql.ErrNoRows
	}
	return app.FindRecordById(coll, id)
}

// checkReader refuses a comment when its author cannot read target, as the target's own view
// rule decides. A comment without author (made by the system) is left alone.
func checkReader(app core.App, authorID string, target *core.Record) error {
	if authorID == "" {
		return nil
	}
	author, err := app.FindRecordById(s.Users, authorID)
	if err != nil {
		return targetRefusal(err)
	}
	info := &core.RequestInfo{Auth: author, Context: core.RequestInfoContextDefault, Method: "POST"}
	ok, err := app.CanAccessRecord(target, info, target.Collection().ViewRule)
	if err != nil {
		return fmt.Errorf("check %s can read %s/%s: %w", authorID, target.Collection().Name, target.Id, err)
	}
	if !ok {
		return targetRefusal(nil)
	}
	return nil
}

// targetRefusal is the field error of a comment whose target cannot be commented on; a
// database failure other than "not found" stays an error.
func targetRefusal(err error) error {
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("find comment target: %w", err)
	}
	return validation.Errors{s.FieldCommentTargetID: i18n.NewError(codeTargetUnreadable, nil)}
}
