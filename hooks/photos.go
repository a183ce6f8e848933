package hooks

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/photos"
)

// bindPhotos re-encodes every image uploaded to an image file field of any collection, on every
// write path (REST, batch, dashboard, sync media), before PocketBase validates and stores it:
// the stored file is oriented, bounded and free of metadata, and the original is never stored.
// A file that is not a usable photo is refused with a field error.
func bindPhotos(app core.App) {
	// Decoding a 40-megapixel photo takes a few hundred MB: a few at a time bounds the memory.
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	app.OnRecordValidate().BindFunc(func(e *core.RecordEvent) error {
		if err := cleanPhotos(e.Record, photos.DefaultLimits(), slots); err != nil {
			return err
		}
		return e.Next()
	})
}

// cleanPhotos replaces each unsaved file of the record's image fields by its clean version.
func cleanPhotos(record *core.Record, lim photos.Limits, slots chan struct{}) error {
	errs := validation.Errors{}
	for _, field := range record.Collection().Fields {
		ff, ok := field.(*core.FileField)
		if !ok || !isPhotoField(ff) {
			continue
		}
		for _, f := range record.GetUnsavedFiles(ff.Name) {
			err := cleanFile(f, lim, slots)
			if photos.Code(err) != "" {
				errs[ff.Name] = photoError(f, err, lim)
				break
			}
			if err != nil {
				return fmt.Errorf("clean photo %q of %s: %w", f.OriginalName, ff.Name, err)
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// isPhotoField reports whether every type the field accepts is an image.
func isPhotoField(f *core.FileField) bool {
	for _, t := range f.MimeTypes {
		if !strings.HasPrefix(t, "image/") {
			return false
		}
	}
	return len(f.MimeTypes) > 0
}

// cleanPhoto marks a file already cleaned, so that validating the record again is a no-op.
type cleanPhoto struct{ filesystem.BytesReader }

// AlreadyClean is implemented by the readers of files whose bytes came out of the photo
// pipeline: a file cleaned by an earlier validation, or a copy of a stored photo that went
// through it when uploaded (the sync's media, copied into a record by a push). cleanPhotos
// leaves them as they are: re-encoding them would change nothing worth it and, inside a
// write transaction, hold SQLite's single writer for the time of a decode and an encode.
type AlreadyClean interface{ PhotoAlreadyClean() }

// PhotoAlreadyClean marks cleanPhoto as AlreadyClean.
func (*cleanPhoto) PhotoAlreadyClean() {}

// cleanFile processes f and points it at the clean bytes, with the extension of their format.
func cleanFile(f *filesystem.File, lim photos.Limits, slots chan struct{}) error {
	if _, done := f.Reader.(AlreadyClean); done {
		return nil
	}
	r, err := f.Reader.Open()
	if err != nil {
		return fmt.Errorf("open upload: %w", err)
	}
	defer r.Close()
	slots <- struct{}{}
	clean, format, err := photos.Process(r, lim)
	<-slots
	if err != nil {
		return err
	}
	f.Reader = &cleanPhoto{filesystem.BytesReader{Bytes: clean}}
	f.Size = int64(len(clean))
	f.Name = withExt(f.Name, format.Ext())
	f.OriginalName = withExt(f.OriginalName, format.Ext())
	return nil
}

// withExt replaces the extension of name: "scan_x1y2.webp" becomes "scan_x1y2.jpg".
func withExt(name, ext string) string {
	return strings.TrimSuffix(name, filepath.Ext(name)) + ext
}

// photoError is the field error of a refused photo: what was wrong and what to do. Its reason
// param (too_large, too_many_pixels, unsupported_format, corrupt) picks the message
// (i18n/messages_photos.go); the file name and the limits fill it.
func photoError(f *filesystem.File, err error, lim photos.Limits) error {
	return i18n.NewError("invalid_photo", map[string]any{
		"reason": photos.Code(err), "file": f.OriginalName,
		"maxMB": lim.MaxBytes >> 20, "maxMegapixels": lim.MaxPixels / 1_000_000,
	})
}
