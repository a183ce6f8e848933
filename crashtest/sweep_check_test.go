package crashtest

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/maillage/maillage/storagesweep"
)

// checkSweep: what the cuts left, and the photo of a record deleted by a process killed before
// PocketBase removed its files (planted: a copy of a saved photo under an id with no row), go
// when the nightly storage sweep runs, here run by the superuser from the dashboard's crons
// with every file aged past the sweep's grace; every record's photo is still served.
func (s *server) checkSweep(t *testing.T, u user, col string) {
	t.Helper()
	saved, left := s.checkPhotos(t, u, col)
	left = append(left, s.plantDeletedPhoto(t, col))
	ageStorage(t, filepath.Join(s.dir, "storage"), storagesweep.Grace+time.Hour)
	if err := s.call("POST", "/api/crons/"+storagesweep.JobID, s.admin().Token, nil, nil); err != nil {
		t.Fatalf("run the storage sweep: %v", err)
	}
	waitFor(t, "removal of the files no record names", func() bool { return !anyExists(s.dir, left) })
	after, orphans := s.checkPhotos(t, u, col)
	if len(orphans) != 0 || len(after) != len(saved) {
		t.Fatalf("after the sweep: %d records with photos (want %d), files named by no record %v (want none)",
			len(after), len(saved), orphans)
	}
	t.Logf("the sweep removed %v; %d records with photos, all served", left, len(after))
}

// plantDeletedPhoto copies a stored photo under a record id with no row and returns its path
// relative to storage/.
func (s *server) plantDeletedPhoto(t *testing.T, col string) string {
	t.Helper()
	photos, _ := filepath.Glob(filepath.Join(s.dir, "storage", col, "*", "*.jpg"))
	if len(photos) == 0 {
		t.Fatal("no stored photo to copy")
	}
	data, err := os.ReadFile(photos[0])
	if err != nil {
		t.Fatal(err)
	}
	rel := filepath.Join(col, "crashdeleted001", filepath.Base(photos[0]))
	path := filepath.Join(s.dir, "storage", rel)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return rel
}

// ageStorage sets every stored file's modification time back by age.
func ageStorage(t *testing.T, root string, age time.Duration) {
	t.Helper()
	then := time.Now().Add(-age)
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(path, then, then)
	})
	if err != nil {
		t.Fatalf("age the storage: %v", err)
	}
}

// anyExists reports whether one of the paths (relative to dir/storage) is still there.
func anyExists(dir string, rels []string) bool {
	for _, rel := range rels {
		if _, err := os.Stat(filepath.Join(dir, "storage", rel)); err == nil {
			return true
		}
	}
	return false
}
