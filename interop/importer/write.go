package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/governance/revisions"
	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/interop"
	s "github.com/maillage/maillage/schema"
)

// create saves a new record for an item: published and public, as the source's owner chose
// to publish it, with its provenance.
func (r *run) create(tx core.App, it interop.Item, up map[string]any) error {
	rec := core.NewRecord(r.col)
	rec.Load(up)
	rec.Load(map[string]any{
		s.FieldSource: r.opts.Source, s.FieldExternalID: it.ExternalID,
		s.FieldStatus: s.StatusPublished, s.FieldVisibility: s.VisibilityPublic,
	})
	if saved, err := r.save(tx, rec, it); !saved {
		return err
	}
	if err := saveState(tx, r.col, r.opts.Source, it.ExternalID, rec.Id, normalise(r.col, up), !r.flags.inline); err != nil {
		return err
	}
	r.sum.Created++
	n, err := r.flags.created(tx, rec)
	r.sum.Duplicates += n
	return err
}

// update writes what changed upstream into an existing record, leaving fields edited in
// Maillage as they are and handing the source's value to moderators instead.
func (r *run) update(tx core.App, it interop.Item, rec *core.Record, up map[string]any) error {
	if rec.GetBool(s.FieldDeleted) {
		r.sum.Skipped++ // deleted in Maillage: an import does not bring it back
		return nil
	}
	state, err := findState(tx, r.col, r.opts.Source, it.ExternalID)
	if err != nil {
		return err
	}
	upstream := normalise(r.col, up)
	changes := plan(state.values(), recordValues(rec), upstream)
	written := r.apply(rec, up, changes)
	if written {
		if saved, err := r.save(tx, rec, it); !saved {
			return err
		}
	}
	if err := r.saveConflicts(tx, rec, up, changes); err != nil {
		return err
	}
	if err := r.searchAgain(tx, state, rec); err != nil {
		return err
	}
	if err := state.store(tx, r.col, r.opts.Source, it.ExternalID, rec.Id, upstream); err != nil {
		return err
	}
	r.count(written)
	return nil
}

// searchAgain hands the search a record whose duplicates an earlier run never stored (it
// stopped between the record's chunk and its pairs); inline, it is flagged at once.
func (r *run) searchAgain(tx core.App, st state, rec *core.Record) error {
	if !st.pending() {
		return nil
	}
	n, err := r.flags.created(tx, rec)
	r.sum.Duplicates += n
	if err == nil && r.flags.inline {
		st.rec.Set(s.FieldStateDedupPending, false)
	}
	return err
}

// apply sets the fields to write on rec and reports whether there is any.
func (r *run) apply(rec *core.Record, up map[string]any, changes map[string]change) bool {
	written := false
	for f, c := range changes {
		if c == write {
			rec.Set(f, up[f])
			written = true
		}
	}
	return written
}

func (r *run) count(written bool) {
	if written {
		r.sum.Updated++
	} else {
		r.sum.Skipped++
	}
}

// save saves rec; an item the rules refuse is counted (skipped when it lies outside the
// territory, an error otherwise) and reported as not saved, with no error for the run.
func (r *run) save(tx core.App, rec *core.Record, it interop.Item) (bool, error) {
	revisions.Attribute(rec, r.opts.Source)
	err := tx.Save(rec)
	var fields validation.Errors
	if err == nil || !errors.As(err, &fields) {
		return err == nil, err
	}
	if _, outside := codeOf(fields[s.FieldGeo]); outside {
		r.sum.Skipped++
	}
	r.sum.Errors = append(r.sum.Errors, ItemError{Item: label(it), Message: describe(r.opts.Lang, fields)})
	return false, nil
}

// codeOf returns a field error's code and whether it is the territory's refusal.
func codeOf(err error) (string, bool) {
	var e validation.Error
	if !errors.As(err, &e) {
		return "", false
	}
	return e.Code(), e.Code() == "outside_territory"
}

// describe writes field errors in lang, one "field: reason" each, in field order.
func describe(lang string, fields validation.Errors) string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, 0, len(names))
	for _, name := range names {
		parts = append(parts, name+": "+localise(lang, fields[name]))
	}
	return strings.Join(parts, "; ")
}

// localise writes a field error in lang when its code is a known message.
func localise(lang string, err error) string {
	var e validation.Error
	if errors.As(err, &e) && i18n.Has(e.Code()) {
		return i18n.T(lang, e.Code(), e.Params())
	}
	return err.Error()
}

// refuse counts an item that cannot be imported, with its reason.
func (r *run) refuse(it interop.Item, code string, params map[string]any) {
	r.sum.Errors = append(r.sum.Errors, ItemError{Item: label(it), Message: i18n.T(r.opts.Lang, code, params)})
}

// label names an item in the summary.
func label(it interop.Item) string {
	for _, v := range []string{it.Label, it.Name, it.ExternalID} {
		if strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

// contentID derives a stable identifier for an item its source gives none: the same name at
// the same place (or date) is the same item on every import.
func contentID(it interop.Item) string {
	key := fold(it.Name) + "|" + it.Address
	if it.Geo != nil {
		key += fmt.Sprintf("|%.5f,%.5f", it.Geo.Lon, it.Geo.Lat)
	}
	if it.Event != nil {
		key += "|" + it.Event.Start.UTC().String()
	}
	sum := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(sum[:12])
}
