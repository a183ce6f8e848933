package sources

import (
	"io"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// fileTag is the validator of an uploaded file: a new upload gets a new stored name, so the
// same name means the same content, already imported.
func fileTag(name string) string { return "file:" + name }

// readFile reads the source's uploaded file, unless it is the one the last successful run
// imported.
func readFile(app core.App, src *core.Record, max int64) (input, error) {
	name := src.GetString(s.FieldSourceFile)
	if src.GetString(s.FieldSourceETag) == fileTag(name) {
		return input{notModified: true}, nil
	}
	body, err := readStored(app, src.BaseFilesPath()+"/"+name, max)
	if err != nil {
		return input{}, &runError{Code: "source_file_unreadable", Params: map[string]any{"reason": err.Error()}, Err: err}
	}
	if int64(len(body)) > max {
		return input{}, &runError{Code: "source_fetch_too_big", Params: map[string]any{"mib": mebibytes(max)}}
	}
	return input{body: body, etag: fileTag(name)}, nil
}

// readStored reads at most max+1 bytes of a stored file, so that a larger one is noticed.
func readStored(app core.App, path string, max int64) ([]byte, error) {
	fsys, err := app.NewFilesystem()
	if err != nil {
		return nil, err
	}
	defer fsys.Close()
	r, err := fsys.GetReader(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(io.LimitReader(r, max+1))
}
