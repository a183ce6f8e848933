package moderation

import (
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// decision is what is decided about one record, by whom and why.
type decision struct {
	target    *core.Record
	validate  bool   // keep or publish; false: remove or reject
	actor     string // the deciding moderator; "" for the community
	actorKind string
	reason    string
	details   map[string]any
}

// apply carries out d in tx: a record with open reports is kept (shown again if the reports
// hid it) or removed; a pending contribution is published or rejected. The reports are closed,
// the votes on the record cleared (a later round starts afresh) and the decision audited; the
// author hears of it (push notifies published and rejected contributions; the decision and its
// reason are listed at PathDecisions).
func apply(tx core.App, d decision) error {
	coll, id := d.target.Collection().Name, d.target.Id
	reports, err := openReports(tx, coll, id)
	if err != nil {
		return err
	}
	action := actionOf(d.validate, len(reports) > 0, d.actorKind)
	hidden, err := hiddenByReports(tx, coll, id)
	if err != nil {
		return err
	}
	if err := changeTarget(tx, d.target, d.validate, len(reports) > 0, hidden); err != nil {
		return err
	}
	if err := setReports(tx, reports, s.FieldReportState, reportState(d.validate)); err != nil {
		return err
	}
	if err := clearVotes(tx, coll, id); err != nil {
		return err
	}
	return Audit(tx, Entry{Action: action, Collection: coll, RecordID: id, Actor: d.actor, ActorKind: d.actorKind,
		Reason: d.reason, Details: d.details})
}

// actionOf names a decision in the audit log.
func actionOf(validate, reported bool, kind string) string {
	switch {
	case reported && validate:
		return ActionKeep
	case reported:
		return ActionRemove
	case kind == s.ActorCommunity && validate:
		return ActionValidate
	case kind == s.ActorCommunity:
		return ActionRefuse
	case validate:
		return ActionPublish
	default:
		return ActionReject
	}
}

func reportState(validate bool) string {
	if validate {
		return s.ReportKept
	}
	return s.ReportRemoved
}

// changeTarget publishes or rejects a record; a message is shown again, or deleted. Keeping
// a reported record publishes it again only when the reports hid it (hiding takes a published
// record back to pending); otherwise it stays as it is.
func changeTarget(tx core.App, target *core.Record, validate, reported, hidden bool) error {
	if isMessage(target) {
		if !validate {
			return tx.Delete(target)
		}
		target.Set(s.FieldHiddenByReports, false)
		return tx.SaveNoValidate(target)
	}
	status := s.StatusRejected
	if validate {
		status = s.StatusPublished
	}
	if reported && validate && (!hidden || target.GetString(s.FieldStatus) != s.StatusPending) {
		return nil // kept as it was: the reports had not hidden it
	}
	target.Set(s.FieldStatus, status)
	return tx.SaveNoValidate(target)
}

// clearVotes deletes the votes on a record once it is decided.
func clearVotes(tx core.App, coll, id string) error {
	votes, err := tx.FindAllRecords(s.ModerationVotes, dbxHash(s.FieldTargetCollection, coll, s.FieldTargetRecordID, id))
	if err != nil {
		return err
	}
	for _, v := range votes {
		if err := tx.Delete(v); err != nil {
			return err
		}
	}
	return nil
}
