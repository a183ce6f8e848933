package crashtest

import (
	"archive/zip"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

// ballastMB of random bytes in the storage folder make a backup last long enough to be cut
// while it is written (the zip in PocketBase's temp folder) and while it is copied into
// pb_data/backups (a *.tmp file renamed at the end).
const ballastMB = 24

// backupStages are where a backup is cut, and the file whose presence says it is there.
var backupStages = []struct{ name, glob string }{
	{"archiving", filepath.Join(".pb_temp_to_delete", "pb_backup_*")},
	{"copying into backups/", filepath.Join("backups", "*.tmp")},
}

// TestKillDuringBackup: a superuser's POST /api/backups is cut by SIGKILL while the archive is
// written and while it is copied into the backups folder. After the restart the server answers,
// the data is intact, the backups API lists nothing (PocketBase alone would list the partial
// copy: package backups removes it at start), the temp folder is gone, and a new backup is a
// whole zip whose database passes integrity_check.
func TestKillDuringBackup(t *testing.T) {
	skipShort(t)
	s := newServer(t)
	ballast(t, s.dir)
	before := s.recordCounts(t)
	for i := range iterations(t) * len(backupStages) {
		stage := backupStages[i%len(backupStages)]
		name := fmt.Sprintf("crash_%d.zip", i)
		leftovers := killedBackup(t, s, name, stage.glob)
		if listed := s.backups(t); len(listed) != 0 {
			t.Fatalf("cut while %s: after the restart the backups API lists %v, want none", stage.name, keys(listed))
		}
		t.Logf("cut while %s: the kill left %v; after the restart none is listed or left", stage.name, names(leftovers))
		if left := present(leftovers); len(left) != 0 {
			t.Errorf("cut while %s: %v still there after the restart", stage.name, left)
		}
		if _, err := os.Stat(filepath.Join(s.dir, ".pb_temp_to_delete")); !os.IsNotExist(err) {
			t.Errorf("the temp folder survived the restart: %v", err)
		}
		if after := s.recordCounts(t); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Fatalf("records before the backup %v, after the restart %v", before, after)
		}
	}
	integrity(t, s.db())
	s.wholeBackup(t, "after_the_kills.zip")
}

// killedBackup starts a backup, kills the server once glob matches a file in the data dir
// and restarts it. A backup that ends before the kill is tried again, twice at most. It
// returns the files glob matched after the kill.
func killedBackup(t *testing.T, s *server, name, glob string) []string {
	t.Helper()
	for try := range 3 {
		done := make(chan error, 1)
		asked := fmt.Sprintf("%d_%s", try, name)
		go func() {
			done <- s.call(http.MethodPost, "/api/backups", s.admin().Token, map[string]string{"name": asked}, nil)
		}()
		waitFor(t, "backup file "+glob, func() bool { return s.matches(glob) || finished(done) })
		s.kill()
		left, _ := filepath.Glob(filepath.Join(s.dir, glob))
		s.start()
		if !s.backups(t)[asked] && len(left) > 0 {
			return left
		}
		t.Logf("backup %s ended before the kill: again", asked)
	}
	t.Fatalf("three backups ended before the kill: the test did not cut one")
	return nil
}

// finished reports whether the request has answered (the value is kept for nobody).
func finished(done chan error) bool {
	select {
	case err := <-done:
		done <- err
		return true
	default:
		return false
	}
}

func (s *server) matches(glob string) bool {
	m, _ := filepath.Glob(filepath.Join(s.dir, glob))
	for _, f := range m {
		if st, err := os.Stat(f); err == nil && st.Size() > 0 {
			return true
		}
	}
	return false
}

// backups lists the backups the API shows, by key.
func (s *server) backups(t *testing.T) map[string]bool {
	t.Helper()
	var list []struct{ Key string }
	if err := s.call(http.MethodGet, "/api/backups", s.admin().Token, nil, &list); err != nil {
		t.Fatalf("list backups: %v", err)
	}
	out := map[string]bool{}
	for _, b := range list {
		out[b.Key] = true
	}
	return out
}

// wholeBackup creates a backup, and checks that it is a whole zip whose data.db passes
// integrity_check.
func (s *server) wholeBackup(t *testing.T, name string) {
	t.Helper()
	if err := s.call(http.MethodPost, "/api/backups", s.admin().Token, map[string]string{"name": name}, nil); err != nil {
		t.Fatalf("backup after the kills: %v", err)
	}
	z, err := zip.OpenReader(filepath.Join(s.dir, "backups", name))
	if err != nil {
		t.Fatalf("backup %s: %v", name, err)
	}
	defer z.Close()
	db := filepath.Join(t.TempDir(), "data.db")
	if err := extract(z, "data.db", db); err != nil {
		t.Fatalf("backup %s: %v", name, err)
	}
	integrity(t, db)
}

// extract copies one file of a zip (its checksum is verified on the way) to path.
func extract(z *zip.ReadCloser, name, path string) error {
	r, err := z.Open(name)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := os.Create(path)
	if err != nil {
		return err
	}
	defer w.Close()
	_, err = io.Copy(w, r)
	return err
}

// ballast writes ballastMB of random bytes (which compress at no ratio) into storage/.
func ballast(t *testing.T, dir string) {
	t.Helper()
	data := make([]byte, ballastMB<<20)
	_, _ = rand.Read(data)
	path := filepath.Join(dir, "storage", "crash_ballast", "ballast.bin")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// recordCounts counts the rows of the main collections.
func (s *server) recordCounts(t *testing.T) map[string]int64 {
	t.Helper()
	db := readOnly(t, s.db())
	out := map[string]int64{}
	for _, c := range []string{"users", "_superusers", "initiatives", "_sync_changes"} {
		out[c] = count(t, db, "SELECT COUNT(*) FROM "+c)
	}
	return out
}

// names are the base names of paths.
func names(paths []string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, filepath.Base(p))
	}
	return out
}

// present returns the paths that exist.
func present(paths []string) []string {
	var out []string
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
