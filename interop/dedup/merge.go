package dedup

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Decision is a moderator's merge of a pair: the record to keep, and per field either the
// record whose value wins (Fields: field → record id) or the value itself (Values). A field
// named in neither keeps the kept record's value, or takes the other's when the kept one is
// empty.
type Decision struct {
	Keep   string            `json:"keep"`
	Fields map[string]string `json:"fields"`
	Values map[string]any    `json:"values"`
}

// Merge applies d to the open pair pairID, in one transaction: the kept record gets the chosen
// values and both records' provenance, the other is soft-deleted with mergedInto pointing at
// the kept one (sync sends devices a remove), the pair is marked merged by the requester, and
// the other's open pairs are replaced by the kept record's own. Anything refused is a
// *Refusal, and nothing is changed.
func Merge(app core.App, info *core.RequestInfo, pairID string, d Decision) (*core.Record, error) {
	var kept *core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		pair, err := openPair(tx, pairID)
		if err != nil {
			return err
		}
		var other *core.Record
		if kept, other, err = pairRecords(tx, info, pair, d.Keep); err != nil {
			return err
		}
		if err := apply(kept, other, d); err != nil {
			return err
		}
		if err := saveMerge(tx, kept, other); err != nil {
			return err
		}
		if err := decide(tx, info, pair, s.DupMerged); err != nil {
			return err
		}
		return reflag(tx, kept, other.Id)
	})
	if err != nil {
		return nil, err
	}
	return kept, nil
}

// Dismiss marks the open pair pairID as not a duplicate; it stays so (Flag never stores it
// again).
func Dismiss(app core.App, info *core.RequestInfo, pairID string) (*core.Record, error) {
	var pair *core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		var err error
		if pair, err = openPair(tx, pairID); err != nil {
			return err
		}
		return decide(tx, info, pair, s.DupDismissed)
	})
	if err != nil {
		return nil, err
	}
	return pair, nil
}

// openPair finds a pair still waiting for a decision.
func openPair(tx core.App, id string) (*core.Record, error) {
	pair, err := tx.FindRecordById(s.Duplicates, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errPairNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find pair %s: %w", id, err)
	}
	if st := pair.GetString(s.FieldStatus); st != s.DupOpen {
		return nil, refuse(http.StatusConflict, "dedup_already_decided", "pair", map[string]any{"status": st})
	}
	return pair, nil
}

// pairRecords loads the pair's two records, keep first, both live and both the requester's
// to change.
func pairRecords(tx core.App, info *core.RequestInfo, pair *core.Record, keep string) (*core.Record, *core.Record, error) {
	a, b := pair.GetString(s.FieldDupRecordA), pair.GetString(s.FieldDupRecordB)
	otherID := map[string]string{a: b, b: a}[keep]
	if keep == "" || otherID == "" {
		return nil, nil, refuse(http.StatusBadRequest, "dedup_keep_not_in_pair", "keep", map[string]any{"a": a, "b": b})
	}
	coll := pair.GetString(s.FieldDupCollection)
	recs, err := tx.FindRecordsByIds(coll, []string{keep, otherID})
	if err != nil {
		return nil, nil, fmt.Errorf("find pair records: %w", err)
	}
	if len(recs) != 2 || !eligible(recs[0]) || !eligible(recs[1]) {
		return nil, nil, errRecordGone
	}
	if recs[0].Id != keep {
		recs[0], recs[1] = recs[1], recs[0]
	}
	for _, r := range recs {
		if !mayChange(tx, info, r) {
			return nil, nil, errRecordHidden
		}
	}
	return recs[0], recs[1], nil
}

// mayChange re-checks with the collection's own rules that the requester may see and change r.
func mayChange(tx core.App, info *core.RequestInfo, r *core.Record) bool {
	c := r.Collection()
	bare := info.Clone()
	bare.Body = map[string]any{}
	for _, rule := range []*string{c.ViewRule, c.UpdateRule} {
		if ok, err := tx.CanAccessRecord(r, bare, rule); err != nil || !ok {
			return false
		}
	}
	return true
}

// saveMerge saves the kept record with both provenances, then the other as a redirect to it.
func saveMerge(tx core.App, kept, other *core.Record) error {
	prov, err := mergedProvenance(tx, kept, other)
	if err != nil {
		return err
	}
	kept.Set(s.FieldProvenance, prov)
	if err := tx.Save(kept); err != nil {
		return invalidMerge(err)
	}
	other.Set(s.FieldDeleted, true)
	other.Set(s.FieldMergedInto, kept.Id)
	if err := tx.Save(other); err != nil {
		return fmt.Errorf("redirect %s to %s: %w", other.Id, kept.Id, err)
	}
	return nil
}

// invalidMerge turns the kept record's validation errors into a refusal showing them.
func invalidMerge(err error) error {
	var fields validation.Errors
	if !errors.As(err, &fields) {
		return fmt.Errorf("save merged record: %w", err)
	}
	r := refuse(http.StatusBadRequest, "dedup_merge_invalid", "pair", nil)
	r.Details = fields
	return r
}

// decide closes the pair with status, naming the moderator who decided (none for a superuser).
func decide(tx core.App, info *core.RequestInfo, pair *core.Record, status string) error {
	pair.Set(s.FieldStatus, status)
	if info.Auth != nil && info.Auth.Collection().Name == s.Users {
		pair.Set(s.FieldDupDecidedBy, info.Auth.Id)
	}
	if err := tx.Save(pair); err != nil {
		return fmt.Errorf("close pair %s: %w", pair.Id, err)
	}
	return nil
}

// reflag drops the open pairs of the merged-away record (it no longer exists for anyone) and
// looks for the kept record's duplicates again, with its merged values.
func reflag(tx core.App, kept *core.Record, removed string) error {
	stale, err := tx.FindRecordsByFilter(s.Duplicates,
		"status = 'open' && collection = {:c} && (recordA = {:id} || recordB = {:id})", "", 0, 0,
		map[string]any{"c": kept.Collection().Name, "id": removed})
	if err != nil {
		return fmt.Errorf("find pairs of %s: %w", removed, err)
	}
	for _, p := range stale {
		if err := tx.Delete(p); err != nil {
			return fmt.Errorf("drop pair %s: %w", p.Id, err)
		}
	}
	_, err = Flag(tx, kept)
	return err
}
