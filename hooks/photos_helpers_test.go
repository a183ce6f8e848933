package hooks_test

import (
	"bytes"
	"image"
	"io"
	"mime/multipart"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	pt "github.com/maillage/maillage/photos/phototest"
)

// gpsPhoto is what a phone writes: a JPEG with Exif (GPS IFD, orientation 1), XMP, ICC and a
// comment, each carrying pt.Secret.
func gpsPhoto() []byte {
	segments := append([][]byte{pt.ExifSegment(pt.Exif(1, true))}, pt.Metadata()...)
	return pt.WithJPEGSegments(pt.JPEG(pt.Noise(320, 240)), segments...)
}

// upload wraps data as a file named name, as PocketBase gets it from a form.
func upload(t testing.TB, data []byte, name string) *filesystem.File {
	t.Helper()
	f, err := filesystem.NewFileFromBytes(data, name)
	if err != nil {
		t.Fatalf("file %s: %v", name, err)
	}
	return f
}

// stored reads back, from PocketBase's filesystem, the files the saved record id holds in field.
func stored(t testing.TB, app core.App, collection, id, field string) map[string][]byte {
	t.Helper()
	record, err := app.FindRecordById(collection, id)
	if err != nil {
		t.Fatalf("find %s/%s: %v", collection, id, err)
	}
	fsys, err := app.NewFilesystem()
	if err != nil {
		t.Fatalf("filesystem: %v", err)
	}
	defer fsys.Close()
	files := map[string][]byte{}
	for _, name := range record.GetStringSlice(field) {
		r, err := fsys.GetReader(record.BaseFilesPath() + "/" + name)
		if err != nil {
			t.Fatalf("open stored %s: %v", name, err)
		}
		data, err := io.ReadAll(r)
		_ = r.Close()
		if err != nil {
			t.Fatalf("read stored %s: %v", name, err)
		}
		files[name] = data
	}
	if len(files) == 0 {
		t.Fatalf("%s/%s stores no file in %s", collection, id, field)
	}
	return files
}

// assertClean fails unless every stored file is a metadata-free image decodable as JPEG or PNG.
func assertClean(t testing.TB, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		if found := pt.MetadataIn(data); len(found) > 0 {
			t.Errorf("stored %s carries %v", name, found)
		}
		if _, _, err := image.DecodeConfig(bytes.NewReader(data)); err != nil {
			t.Errorf("stored %s is not an image: %v", name, err)
		}
	}
}

// part is one file of a multipart form.
type part struct{ field, name string }

// form builds a multipart body with fields and one file per part, all holding data.
func form(t testing.TB, fields map[string]string, data []byte, files ...part) (*bytes.Buffer, string) {
	t.Helper()
	body := &bytes.Buffer{}
	mw := multipart.NewWriter(body)
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatalf("form field: %v", err)
		}
	}
	for _, p := range files {
		w, err := mw.CreateFormFile(p.field, p.name)
		if err != nil {
			t.Fatalf("form file: %v", err)
		}
		_, _ = w.Write(data)
	}
	if err := mw.Close(); err != nil {
		t.Fatalf("close form: %v", err)
	}
	return body, mw.FormDataContentType()
}
