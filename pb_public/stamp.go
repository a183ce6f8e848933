package pbpublic

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"
)

// Placeholders in sw.js that Stamp fills in: the shell's version and its precache list.
const (
	versionMark = `"__MAILLAGE_VERSION__"`
	shellMark   = `/*__MAILLAGE_SHELL__*/[]`
	workerName  = "sw.js"
)

// Release names the build; set it with -ldflags "-X github.com/maillage/maillage/pb_public.Release=…".
// It is mixed into the shell's version, so that a new release always installs a new worker
// even when no file of the shell changed.
var Release = ""

// Stamp returns fsys with sw.js rewritten: its cache version becomes a hash of every shell
// file and its precache list the URLs of those files, so that the service worker precaches
// exactly what is served and any change to the shell is noticed by the browsers as a new
// worker ("a new version is available").
func Stamp(fsys fs.FS) (fs.FS, error) {
	src, err := fs.ReadFile(fsys, workerName)
	if err != nil {
		return nil, fmt.Errorf("the PWA has no %s to stamp: %w", workerName, err)
	}
	if !bytes.Contains(src, []byte(versionMark)) || !bytes.Contains(src, []byte(shellMark)) {
		return nil, fmt.Errorf("%s lacks the placeholders %s and %s", workerName, versionMark, shellMark)
	}
	urls, version, err := Shell(fsys)
	if err != nil {
		return nil, err
	}
	list, _ := json.Marshal(urls)
	out := strings.Replace(string(src), versionMark, `"`+version+`"`, 1)
	out = strings.Replace(out, shellMark, string(list), 1)
	return stamped{FS: fsys, worker: []byte(out)}, nil
}

// Shell lists the URLs the service worker precaches ("/" stands for index.html; licences
// and the worker itself are left out) and a version hashing their names and contents.
func Shell(fsys fs.FS) (urls []string, version string, err error) {
	sum := sha256.New()
	fmt.Fprintf(sum, "release\x00%s\x00", Release)
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !inShell(name) {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		fmt.Fprintf(sum, "%s\x00%d\x00", name, len(data))
		sum.Write(data)
		urls = append(urls, url(name))
		return nil
	})
	if err != nil {
		return nil, "", fmt.Errorf("listing the PWA shell: %w", err)
	}
	sort.Strings(urls)
	return urls, hex.EncodeToString(sum.Sum(nil))[:16], nil
}

// inShell reports whether a file belongs in the precache.
func inShell(name string) bool {
	base := strings.ToLower(path.Base(name))
	switch {
	case name == workerName, strings.HasSuffix(base, ".go"), strings.HasSuffix(base, ".md"),
		strings.HasSuffix(base, ".txt"), strings.HasPrefix(base, "licen"):
		return false
	}
	return true
}

// url is the path a file is served at.
func url(name string) string {
	if name == "index.html" {
		return "/"
	}
	return "/" + name
}

// stamped serves the stamped worker in place of the original one.
type stamped struct {
	fs.FS
	worker []byte
}

// Open opens name, the stamped worker for sw.js.
func (s stamped) Open(name string) (fs.File, error) {
	if name != workerName {
		return s.FS.Open(name)
	}
	return &memFile{Reader: bytes.NewReader(s.worker)}, nil
}

// memFile is the in-memory stamped worker: readable, seekable (http.ServeContent) and
// stat-able.
type memFile struct {
	*bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Name() string               { return workerName }
func (f *memFile) Mode() fs.FileMode          { return 0o444 }
func (f *memFile) ModTime() time.Time         { return time.Time{} }
func (f *memFile) IsDir() bool                { return false }
func (f *memFile) Sys() any                   { return nil }

var _ io.ReadSeeker = (*memFile)(nil)
