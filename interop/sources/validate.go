package sources

import (
	"database/sql"
	"errors"
	"net/url"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/cron"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// bindValidation checks every save of a source (dashboard, API, Go), and forgets the fetch
// validators when what the source reads or how it reads it changed, so the next run imports
// again instead of answering "unchanged".
func bindValidation(app core.App) {
	app.OnRecordValidate(s.Sources).BindFunc(func(e *core.RecordEvent) error {
		if errs := validateSource(e.App, e.Record); len(errs) > 0 {
			return errs
		}
		return e.Next()
	})
	app.OnRecordUpdate(s.Sources).BindFunc(func(e *core.RecordEvent) error {
		resetValidators(e.Record)
		return e.Next()
	})
}

// validateSource returns the field errors of a source, none when it is valid.
func validateSource(app core.App, rec *core.Record) validation.Errors {
	errs := validation.Errors{}
	checkInput(rec, errs)
	if expr := rec.GetString(s.FieldSourceSchedule); expr != "" {
		if _, err := cron.NewSchedule(expr); err != nil {
			errs[s.FieldSourceSchedule] = fieldError("source_schedule_invalid", err)
		}
	}
	if _, err := parseMapping(rec.GetString(s.FieldSourceMapping)); err != nil {
		errs[s.FieldSourceMapping] = fieldError("source_mapping_invalid", err)
	}
	if err := checkRename(app, rec); err != nil {
		errs[s.FieldSourceName] = err
	}
	return errs
}

// checkInput requires a URL (http or https) or an uploaded file.
func checkInput(rec *core.Record, errs validation.Errors) {
	raw := rec.GetString(s.FieldSourceURL)
	if raw == "" && !hasFile(rec) {
		errs[s.FieldSourceURL] = fieldError("source_url_or_file", nil)
		errs[s.FieldSourceFile] = fieldError("source_url_or_file", nil)
		return
	}
	if u, err := url.Parse(raw); raw != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https")) {
		errs[s.FieldSourceURL] = fieldError("source_url_scheme", nil)
	}
}

// hasFile reports whether the source has a stored file or one being uploaded.
func hasFile(rec *core.Record) bool {
	switch v := rec.GetRaw(s.FieldSourceFile).(type) {
	case string:
		return v != ""
	case *filesystem.File:
		return v != nil
	}
	return false
}

// checkRename refuses a new name for a source whose records carry the old one: the name is
// their provenance key, and a renamed source would import them all again as new records.
func checkRename(app core.App, rec *core.Record) error {
	old := rec.Original().GetString(s.FieldSourceName)
	if rec.IsNew() || old == rec.GetString(s.FieldSourceName) {
		return nil
	}
	for _, c := range s.SourceCollections {
		_, err := app.FindFirstRecordByFilter(c, s.FieldSource+" = {:name}", dbx.Params{"name": old})
		if err == nil {
			return fieldError("source_name_locked", nil)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	return nil
}

// resetValidators clears the stored ETag and Last-Modified when the URL, format, target
// collection or mapping changed (a new uploaded file has a new name, which is its own check).
func resetValidators(rec *core.Record) {
	orig := rec.Original()
	for _, f := range []string{s.FieldSourceURL, s.FieldSourceFormat, s.FieldSourceCollection, s.FieldSourceMapping} {
		if rec.GetString(f) != orig.GetString(f) {
			rec.Set(s.FieldSourceETag, "")
			rec.Set(s.FieldSourceLastModified, "")
			return
		}
	}
}

// fieldError is a field error with its code and params: it reads in French, and the API
// answers it in the requester's language (i18n.Middleware).
func fieldError(code string, cause error) error {
	var params map[string]any
	if cause != nil {
		params = map[string]any{"reason": cause.Error()}
	}
	return i18n.NewError(code, params)
}
