package geoapi

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/geo"
	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// ImportOptions says how to read a territory file and what to do with communes it lacks.
type ImportOptions struct {
	// Territory names the territory the communes belong to, e.g. "Plaine Commune". Required.
	Territory string
	// CodeProperty and NameProperty name the features' properties holding the INSEE code and
	// the name; "" means geo.DefaultCodeProperty and geo.DefaultNameProperty (code, nom).
	CodeProperty, NameProperty string
	// Replace removes the territory's communes the file does not hold (records that pointed
	// at them lose their commune until their next save).
	Replace bool
}

// ImportResult counts what an import did; Warnings are what RFC 7946 advises against but
// Maillage accepts (clockwise rings, for one).
type ImportResult struct {
	Territory string `json:"territory"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Removed   int    `json:"removed"`
	// Moved lists the communes that belonged to another territory before, e.g.
	// "93001 Aubervilliers (was Plaine Commune)": check it when the file was not the one meant.
	Moved    []string `json:"moved"`
	Warnings []string `json:"warnings"`
}

// ImportTerritory validates data, a GeoJSON FeatureCollection of commune polygons, and
// creates or updates (by code) every commune in it in one transaction: either the whole file
// is loaded or nothing is. A refused file's error is a *geo.ValidationError or a
// validation.Errors naming each bad feature; the territory cache of the geo hooks resets on
// its own.
func ImportTerritory(app core.App, data []byte, opt ImportOptions) (ImportResult, error) {
	res := ImportResult{Territory: strings.TrimSpace(opt.Territory), Moved: []string{}, Warnings: []string{}}
	if res.Territory == "" {
		return res, validation.Errors{"territory": i18n.NewError("missing_territory", nil)}
	}
	communes, report, err := geo.ParseCommunes(data, opt.CodeProperty, opt.NameProperty)
	if err != nil {
		return res, err
	}
	if err := checkUniqueCodes(communes); err != nil {
		return res, err
	}
	for _, w := range report.Warnings {
		res.Warnings = append(res.Warnings, w.String())
	}
	err = app.RunInTransaction(func(tx core.App) error {
		res.Created, res.Updated, res.Removed, res.Moved = 0, 0, 0, []string{}
		return upsertAll(tx, communes, opt.Replace, &res)
	})
	return res, err
}

func checkUniqueCodes(communes []geo.CommuneInput) error {
	seen := map[string]int{}
	errs := validation.Errors{}
	for i, c := range communes {
		if first, dup := seen[c.Code]; dup {
			errs[featureKey(i, c)] = i18n.NewError("duplicate_code", map[string]any{"code": c.Code, "first": first + 1})
		}
		seen[c.Code] = i
	}
	return errs.Filter()
}

func upsertAll(tx core.App, communes []geo.CommuneInput, replace bool, res *ImportResult) error {
	codes := make([]any, 0, len(communes))
	for i, c := range communes {
		created, was, err := upsert(tx, c, res.Territory)
		if err != nil {
			return validation.Errors{featureKey(i, c): saveProblem(c, err)}
		}
		if was != "" && was != res.Territory {
			res.Moved = append(res.Moved, fmt.Sprintf("%s %s (was %s)", c.Code, c.Name, was))
		}
		codes = append(codes, c.Code)
		if created {
			res.Created++
		} else {
			res.Updated++
		}
	}
	if !replace {
		return nil
	}
	removed, err := removeOthers(tx, res.Territory, codes)
	res.Removed = removed
	return err
}

// upsert saves c as the commune with its code, created when there is none yet; was is the
// territory it belonged to before ("" for a new one).
func upsert(tx core.App, c geo.CommuneInput, territory string) (created bool, was string, err error) {
	f := s.CommuneFields
	rec, err := tx.FindFirstRecordByData(s.Communes, f.Code, c.Code)
	if errors.Is(err, sql.ErrNoRows) {
		col, cerr := tx.FindCachedCollectionByNameOrId(s.Communes)
		if cerr != nil {
			return false, "", cerr
		}
		rec, err, created = core.NewRecord(col), nil, true
	}
	if err != nil {
		return false, "", err
	}
	centre, err := geo.Centre(c.Boundary)
	if err != nil {
		return false, "", err
	}
	was = rec.GetString(f.Territory)
	rec.Set(f.Code, c.Code)
	rec.Set(f.Name, c.Name)
	rec.Set(f.Territory, territory)
	rec.Set(f.Boundary, types.JSONRaw(c.Boundary))
	rec.Set(f.Center, types.GeoPoint{Lon: centre.Lon, Lat: centre.Lat})
	return created, was, tx.Save(rec)
}

func removeOthers(tx core.App, territory string, keep []any) (int, error) {
	f := s.CommuneFields
	var others []*core.Record
	err := tx.RecordQuery(s.Communes).
		AndWhere(dbx.HashExp{f.Territory: territory}).
		AndWhere(dbx.NotIn(f.Code, keep...)).All(&others)
	if err != nil {
		return 0, fmt.Errorf("find communes to remove: %w", err)
	}
	for _, r := range others {
		if err := tx.Delete(r); err != nil {
			return 0, fmt.Errorf("remove commune %s: %w", r.GetString(f.Code), err)
		}
	}
	return len(others), nil
}

// saveProblem says why the communes collection refused c, in words an admin can act on: a code
// that is not an INSEE code (the usual sign of another kind of file), else the fields' own
// errors.
func saveProblem(c geo.CommuneInput, err error) error {
	var fields validation.Errors
	if !errors.As(err, &fields) {
		return i18n.NewError("invalid_commune", map[string]any{"detail": err.Error()})
	}
	if fields[s.CommuneFields.Code] != nil {
		return i18n.NewError("invalid_commune", map[string]any{"reason": "code", "code": c.Code, "detail": fields.Error()})
	}
	return i18n.NewError("invalid_commune", map[string]any{"detail": strings.TrimSuffix(fields.Error(), ".")})
}

func featureKey(i int, c geo.CommuneInput) string {
	return fmt.Sprintf("feature %d (%s %s)", i+1, c.Code, c.Name)
}

// serveTerritoryImport answers POST /api/maillage/territory (superusers only): the body is
// the GeoJSON file; territory, code, name and replace=true come as query parameters.
func serveTerritoryImport(e *core.RequestEvent) error {
	data, err := io.ReadAll(e.Request.Body)
	if err != nil {
		return e.BadRequestError(i18n.Tr(e, "territory_unreadable", nil), err)
	}
	v := e.Request.URL.Query()
	res, err := ImportTerritory(e.App, data, ImportOptions{
		Territory: v.Get("territory"), CodeProperty: v.Get("code"), NameProperty: v.Get("name"), Replace: v.Get("replace") == "true",
	})
	if err != nil {
		return importError(e, err)
	}
	return e.JSON(http.StatusOK, res)
}

// importError turns a refused file into a 400 whose data names each bad feature.
func importError(e *core.RequestEvent, err error) error {
	var invalid *geo.ValidationError
	var fields validation.Errors
	switch {
	case errors.As(err, &invalid):
		return e.BadRequestError(i18n.Tr(e, "territory_refused", nil), problemsData(invalid.Problems))
	case errors.As(err, &fields):
		return e.BadRequestError(i18n.Tr(e, "territory_refused", nil), fields)
	default:
		return e.InternalServerError("", err)
	}
}

// problemsData keys the validator's problems by feature ("document" for the file itself).
func problemsData(problems []geo.Problem) validation.Errors {
	errs := validation.Errors{}
	for _, p := range problems {
		key := p.Feature
		if key == "" {
			key = strings.SplitN(p.Where, ".", 2)[0]
		}
		if key == "" {
			key = "document"
		}
		msg := p.String()
		if prev, ok := errs[key]; ok {
			msg = prev.Error() + "; " + msg
		}
		errs[key] = validation.NewError("invalid_feature", msg)
	}
	return errs
}
