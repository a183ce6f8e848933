package mobilesync

import (
	"fmt"
	"os"
	"path/filepath"
)

// MarkRestored makes the next server started on dataDir draw a new epoch, as a backup restore
// does (excludeEpochFromRestore): a database put in place by other means (a Litestream replica
// restore, replication.Restore) carries the epoch and seq counter of the database it copies,
// and devices that pulled past its last transaction would otherwise miss the changes that
// reuse those seq numbers. Call it before the restored database is put in place: a crash in
// between costs every device one re-snapshot, never a missed change. The marker is written to
// a temporary file, synced and renamed, so it is whole or absent.
func MarkRestored(dataDir string) error {
	pending, err := newEpoch()
	if err != nil {
		return err
	}
	path := filepath.Join(dataDir, epochFile)
	tmp := path + ".tmp"
	if err := writeSynced(tmp, []byte("restored-"+pending+"\n")); err != nil {
		return fmt.Errorf("write epoch marker: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write epoch marker: %w", err)
	}
	return syncDir(dataDir)
}

// writeSynced writes data to a new file at path and syncs it to disk.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// syncDir syncs a directory, so that a rename in it survives a power cut.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
