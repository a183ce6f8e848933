package crashtest

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkPhotos: every initiative's photo is a whole file in storage that the server serves as
// an image; files in storage that no record names are not served. It returns the ids of the
// records with photos and those files.
func (s *server) checkPhotos(t *testing.T, u user, col string) (map[string]bool, []string) {
	t.Helper()
	rows, err := readOnly(t, s.db()).Query("SELECT id, photos FROM initiatives WHERE photos NOT IN ('', '[]')")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	named := map[string]bool{}
	for rows.Next() {
		var id, list string
		if err := rows.Scan(&id, &list); err != nil {
			t.Fatal(err)
		}
		for _, name := range strings.Split(strings.Trim(list, `[]"`), `","`) {
			s.checkServed(t, u, col, id, name)
			named[filepath.Join(col, id, name)] = true
		}
	}
	return recordsOf(named), s.orphans(t, col, named)
}

// checkServed fetches a record's photo and checks it is a whole JPEG.
func (s *server) checkServed(t *testing.T, u user, col, id, name string) {
	t.Helper()
	res, err := http.Get(s.url("/api/files/" + col + "/" + id + "/" + name))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body := make([]byte, 3)
	_, _ = res.Body.Read(body)
	info, err := os.Stat(filepath.Join(s.dir, "storage", col, id, name))
	if res.StatusCode != http.StatusOK || err != nil || string(body[:2]) != "\xff\xd8" || info.Size() < 1000 {
		t.Fatalf("photo %s of %s: status %d, file %v, starts %q: want a whole JPEG", name, id, res.StatusCode, err, body)
	}
}

// orphans returns the files of the collection's storage that no record names (an upload cut
// after its file was written and before its row was committed), checking that the server does
// not serve them.
func (s *server) orphans(t *testing.T, col string, named map[string]bool) []string {
	t.Helper()
	var out []string
	root := filepath.Join(s.dir, "storage")
	_ = filepath.WalkDir(filepath.Join(root, col), func(path string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, path)
		if err == nil && !d.IsDir() && !named[rel] && !strings.HasSuffix(rel, ".attrs") {
			s.checkNotServed(t, filepath.ToSlash(rel))
			out = append(out, rel)
		}
		return nil
	})
	return out
}

// checkNotServed fails unless /api/files/<rel> answers 404.
func (s *server) checkNotServed(t *testing.T, rel string) {
	t.Helper()
	res, err := http.Get(s.url("/api/files/" + rel))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("orphan %s: GET /api/files answers %d, want 404", rel, res.StatusCode)
	}
}

// recordsOf returns the record ids of storage paths col/id/name.
func recordsOf(paths map[string]bool) map[string]bool {
	out := map[string]bool{}
	for p := range paths {
		out[filepath.Base(filepath.Dir(p))] = true
	}
	return out
}

// collectionID reads a collection's id (its storage folder's name).
func (s *server) collectionID(t *testing.T, name string) string {
	t.Helper()
	var id string
	if err := readOnly(t, s.db()).QueryRow("SELECT id FROM _collections WHERE name = ?", name).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}
