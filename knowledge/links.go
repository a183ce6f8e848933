package knowledge

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// linkFields maps each relation of a page to records that follow the visibility model to
// their collection. Categories are public and not checked.
var linkFields = map[string]string{
	s.FieldPageInitiatives:   s.Initiatives,
	s.FieldPageOrganisations: s.Organisations,
}

// checkLinks adds to errs a field error for each relation the page gains to a record its
// author may not read (by that record's own view rule): a page must not carry the existence
// of a private or community record to its readers. Pages without an author (imports, the
// demo) are not checked; ids of missing records are left to the relation's own validation.
func checkLinks(app core.App, page *core.Record, errs map[string]error) error {
	info, err := authorInfo(app, page.GetString(s.FieldAuthor))
	if err != nil || info == nil {
		return err
	}
	for field, coll := range linkFields {
		for _, id := range addedIDs(page, field) {
			ok, err := readable(app, info, coll, id)
			if err != nil {
				return err
			}
			if !ok {
				errs[field] = i18n.NewError(codeLinkUnreadable, map[string]any{"id": id})
				break
			}
		}
	}
	return nil
}

// authorInfo is a read request made by the user authorID; nil for no author or an unknown one.
func authorInfo(app core.App, authorID string) (*core.RequestInfo, error) {
	if authorID == "" {
		return nil, nil
	}
	author, err := app.FindRecordById(s.Users, authorID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find page author %s: %w", authorID, err)
	}
	return &core.RequestInfo{Auth: author, Context: core.RequestInfoContextDefault, Method: http.MethodGet}, nil
}

// addedIDs returns the ids of field the page did not hold before this save.
func addedIDs(page *core.Record, field string) []string {
	now := page.GetStringSlice(field)
	if page.IsNew() {
		return now
	}
	before := page.Original().GetStringSlice(field)
	return slices.DeleteFunc(slices.Clone(now), func(id string) bool { return slices.Contains(before, id) })
}

// readable reports whether the request info may view record id of coll; a missing record is
// readable here (the relation field refuses it).
func readable(app core.App, info *core.RequestInfo, coll, id string) (bool, error) {
	rec, err := app.FindRecordById(coll, id)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("find linked %s %s: %w", coll, id, err)
	}
	ok, err := app.CanAccessRecord(rec, info, rec.Collection().ViewRule)
	if err != nil {
		return false, fmt.Errorf("check linked %s %s: %w", coll, id, err)
	}
	return ok, nil
}
