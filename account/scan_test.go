package account_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// The scan looks for a person's data everywhere the server keeps data: every table of
// data.db (the collections, PocketBase's own tables, the sync engine's _sync_* tables, the
// spatial index and SQLite's statistics), every column read as text or bytes, and every file
// of the storage (pb_data/storage: names and contents). The logs (auxiliary.db) are left out:
// they hold request metadata (method, URL, status, user id, IP), never bodies, and are
// pruned after Settings → Logs → max days.

// scanDatabase returns, per needle label, the table.column places holding the needle.
func scanDatabase(t *testing.T, app core.App, needles map[string]string) map[string][]string {
	t.Helper()
	var tables []string
	if err := app.DB().NewQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").Column(&tables); err != nil {
		t.Fatalf("list tables: %v", err)
	}
	if len(tables) < 40 {
		t.Fatalf("the scan sees %d tables, fewer than the schema has", len(tables))
	}
	found := map[string][]string{}
	for _, table := range tables {
		scanTable(t, app, table, needles, found)
	}
	return found
}

// scanTable adds to found the columns of table holding a needle.
func scanTable(t *testing.T, app core.App, table string, needles map[string]string, found map[string][]string) {
	t.Helper()
	rows, err := app.ConcurrentDB().(*dbx.DB).DB().Query(`SELECT * FROM "` + table + `"`)
	if err != nil {
		t.Fatalf("read %s: %v", table, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	values := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range values {
		ptrs[i] = &values[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("scan %s: %v", table, err)
		}
		for i, v := range values {
			for label, needle := range needles {
				if contains(v, needle) {
					found[label] = appendOnce(found[label], table+"."+cols[i])
				}
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("read %s: %v", table, err)
	}
}

// contains reports whether a column value, as text or bytes, holds needle.
func contains(v any, needle string) bool {
	switch x := v.(type) {
	case string:
		return strings.Contains(x, needle)
	case []byte:
		return bytes.Contains(x, []byte(needle))
	}
	return false
}

// scanStorage returns, per label, the storage files whose name or content holds a text needle
// or whose content is one of blobs (files as stored before).
func scanStorage(t *testing.T, app core.App, needles map[string]string, blobs map[string][]byte) map[string][]string {
	t.Helper()
	root := filepath.Join(app.DataDir(), "storage")
	found := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		for label, needle := range needles {
			if strings.Contains(rel, needle) || bytes.Contains(data, []byte(needle)) {
				found[label] = appendOnce(found[label], rel)
			}
		}
		for label, blob := range blobs {
			if bytes.Equal(data, blob) {
				found[label] = appendOnce(found[label], rel)
			}
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatalf("walk storage: %v", err)
	}
	return found
}

// scanStorageAfterDeletion is scanStorage once PocketBase's file deletion is over: PocketBase
// deletes a deleted record's files in the background after the commit, with no signal of its
// end, so the scan is repeated until it finds nothing or storageSettle has passed, and the
// last scan is returned.
func scanStorageAfterDeletion(t *testing.T, app core.App, needles map[string]string, blobs map[string][]byte) map[string][]string {
	t.Helper()
	deadline := time.Now().Add(storageSettle)
	for {
		found := scanStorage(t, app, needles, blobs)
		if len(found) == 0 || time.Now().After(deadline) {
			return found
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// storageSettle bounds the wait for PocketBase's background file deletion (milliseconds on a
// quiet machine; the bound is for a loaded one).
const storageSettle = 15 * time.Second

// storedFiles reads rec's files from the storage, by "collection file name".
func storedFiles(t *testing.T, app core.App, rec *core.Record) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range rec.Collection().Fields {
		if f.Type() != core.FieldTypeFile {
			continue
		}
		for _, name := range rec.GetStringSlice(f.GetName()) {
			path := filepath.Join(app.DataDir(), "storage", rec.BaseFilesPath(), name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read stored %s: %v", path, err)
			}
			out[rec.Collection().Name+" "+name] = data
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s/%s has no stored file", rec.Collection().Name, rec.Id)
	}
	return out
}

// missing lists the labels of needles not in found.
func missing(needles map[string]string, blobs map[string][]byte, found map[string][]string) []string {
	var out []string
	for label := range needles {
		if len(found[label]) == 0 {
			out = append(out, label)
		}
	}
	for label := range blobs {
		if len(found[label]) == 0 {
			out = append(out, label)
		}
	}
	sort.Strings(out)
	return out
}

// report writes found for a failure message.
func report(found map[string][]string) string {
	var lines []string
	for label, places := range found {
		lines = append(lines, fmt.Sprintf("%s in %s", label, strings.Join(places, ", ")))
	}
	sort.Strings(lines)
	return strings.Join(lines, "; ")
}

func appendOnce(list []string, v string) []string {
	for _, x := range list {
		if x == v {
			return list
		}
	}
	return append(list, v)
}
