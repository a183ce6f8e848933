package account

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
)

// fileNames returns the names of rec's files, field by field.
func fileNames(rec *core.Record) []string {
	var out []string
	for _, f := range rec.Collection().Fields {
		if f.Type() == core.FieldTypeFile {
			out = append(out, rec.GetStringSlice(f.GetName())...)
		}
	}
	return out
}

// hasFiles reports whether rec holds at least one file.
func hasFiles(rec *core.Record) bool { return len(fileNames(rec)) > 0 }

// copyAllFiles copies the files of recs into the zip.
func (x *exporter) copyAllFiles(recs []*core.Record) error {
	for _, rec := range recs {
		if err := x.copyFiles(rec); err != nil {
			return err
		}
	}
	return nil
}

// copyFiles copies rec's files into the zip as files/<collection>/<id>/<name>, stored as they
// are (photos do not compress). A file missing from the storage is left out.
func (x *exporter) copyFiles(rec *core.Record) error {
	for _, name := range fileNames(rec) {
		r, err := x.fsys.GetReader(rec.BaseFilesPath() + "/" + name)
		if errors.Is(err, filesystem.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("read file %s of %s/%s: %w", name, rec.Collection().Name, rec.Id, err)
		}
		err = x.copyFile(path.Join("files", rec.Collection().Name, rec.Id, name), r)
		r.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// copyFile writes r as the zip entry name.
func (x *exporter) copyFile(name string, r io.Reader) error {
	w, err := x.zip.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
	if err != nil {
		return fmt.Errorf("zip %s: %w", name, err)
	}
	if _, err := io.Copy(w, r); err != nil {
		return fmt.Errorf("copy %s: %w", name, err)
	}
	return nil
}

// arrayWriter writes a JSON array one element at a time, one element per line.
type arrayWriter struct {
	w     io.Writer
	count int
}

func newArrayWriter(w io.Writer) *arrayWriter { return &arrayWriter{w: w} }

// write appends v to the array.
func (a *arrayWriter) write(v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	sep := ",\n"
	if a.count == 0 {
		sep = "[\n"
	}
	a.count++
	_, err = a.w.Write(append([]byte(sep), data...))
	return err
}

// close ends the array ("[]" when nothing was written).
func (a *arrayWriter) close() error {
	end := "\n]\n"
	if a.count == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(a.w, end)
	return err
}
