package dedup

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// maxHops bounds a chain of merges followed (a record merged into one later merged again).
const maxHops = 16

// ErrNotFound is returned when no record holds a source item, or a merge chain leads nowhere.
var ErrNotFound = errors.New("no such record")

// Resolve answers which record of collection holds the item externalID of source: the record
// imported with that pair, or, once it was merged into another, the record it was merged into
// (following later merges too). An importer calls it so that a re-import of either source of
// a merged pair updates the kept record instead of re-creating the removed one. The answer may
// be a record a moderator deleted (not merged): the importer decides what to do with it. It
// returns ErrNotFound when nothing was ever imported with that pair.
func Resolve(app core.App, collection, source, externalID string) (string, error) {
	rec := &core.Record{}
	// The (source, externalId) index is partial (externalId != ''): the query repeats its
	// condition so that SQLite uses it instead of reading the whole collection.
	err := app.RecordQuery(collection).
		AndWhere(dbx.HashExp{s.FieldSource: source, s.FieldExternalID: externalID}).
		AndWhere(dbx.NewExp("[[" + s.FieldExternalID + "]] != ''")).Limit(1).One(rec)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("resolve %s %s/%s: %w", collection, source, externalID, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("resolve %s %s/%s: %w", collection, source, externalID, err)
	}
	kept, err := follow(app, rec)
	if err != nil {
		return "", err
	}
	return kept.Id, nil
}

// follow walks rec's mergedInto chain to the record at its end (rec itself when not merged).
func follow(app core.App, rec *core.Record) (*core.Record, error) {
	for range maxHops {
		next := rec.GetString(s.FieldMergedInto)
		if next == "" {
			return rec, nil
		}
		var err error
		rec, err = app.FindRecordById(rec.Collection(), next)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("follow merge into %s: %w", next, ErrNotFound)
		}
		if err != nil {
			return nil, fmt.Errorf("follow merge into %s: %w", next, err)
		}
	}
	return nil, fmt.Errorf("follow merges of %s: more than %d: %w", rec.Id, maxHops, ErrNotFound)
}

// Redirect answers the record that collection's record id was merged into, when the requester
// may read it; any other case (unknown id, never merged, kept record gone or unreadable) is a
// 404 refusal that reveals nothing.
func Redirect(app core.App, info *core.RequestInfo, collection, id string) (string, error) {
	if !s.IsMergeable(collection) {
		return "", errNoRedirect
	}
	rec, err := app.FindRecordById(collection, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && rec.GetString(s.FieldMergedInto) == "") {
		return "", errNoRedirect
	}
	if err != nil {
		return "", fmt.Errorf("redirect %s/%s: %w", collection, id, err)
	}
	kept, err := follow(app, rec)
	if errors.Is(err, ErrNotFound) {
		return "", errNoRedirect
	}
	if err != nil {
		return "", err
	}
	if ok, err := app.CanAccessRecord(kept, info, kept.Collection().ViewRule); err != nil || !ok {
		return "", errNoRedirect
	}
	return kept.Id, nil
}
