package backups

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestRemoveLeftovers: only the partial copies go; backups, their attribute files and files
// that merely end in .tmp stay. The crash itself is in crashtest (TestKillDuringBackup).
func TestRemoveLeftovers(t *testing.T) {
	dir := t.TempDir()
	files := []string{
		"pb_backup_20261203065800.zip", "pb_backup_20261203065800.zip.attrs", // a whole backup
		"crash_1.zip.18edab7083270c31.tmp",   // a copy cut by a kill
		"notes.tmp", "crash_1.zip.attrs.tmp", // not a backup's copy
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := RemoveLeftovers(dir)
	if err != nil || !slices.Equal(removed, []string{"crash_1.zip.18edab7083270c31.tmp"}) {
		t.Fatalf("removed %v (%v), want only the partial copy", removed, err)
	}
	for _, f := range slices.Concat(files[:2], files[3:]) {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v, want it kept", f, err)
		}
	}
	if removed, err := RemoveLeftovers(filepath.Join(dir, "missing")); err != nil || removed != nil {
		t.Errorf("missing dir: %v %v, want nothing and no error", removed, err)
	}
}
