package replication

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/benbjohnson/litestream"

	mobilesync "github.com/maillage/maillage/mobile_sync"
)

// ErrNoReplica is returned by Restore when the replica holds no database yet.
var ErrNoReplica = errors.New("the replica holds no database yet")

// ErrDBExists is returned by Restore when the data dir already holds a data.db.
var ErrDBExists = errors.New("the data dir already holds a data.db")

// Restore rebuilds data.db of dataDir from the replica cfg names, for a server that has not
// started on it. The database is restored beside data.db and checked (integrity_check), the
// data dir is marked so that the next start draws a new sync epoch, and only then is the
// database renamed into place: a restore interrupted at any point leaves either no data.db or
// the whole restored one, never half of it. The working files of an earlier life (a WAL, a
// shared-memory file, Litestream's directory) are removed first: replayed onto the restored
// database they would corrupt it.
func Restore(ctx context.Context, cfg Config, dataDir string) error {
	path, err := cfg.dbPath(dataDir)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%w: %s", ErrDBExists, path)
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	staging := path + ".restoring"
	if err := restoreTo(ctx, cfg, staging); err != nil {
		return err
	}
	if err := removeAll(path+"-wal", path+"-shm", filepath.Join(dataDir, metaDir)); err != nil {
		return err
	}
	if err := mobilesync.MarkRestored(dataDir); err != nil {
		return err
	}
	return renameSynced(staging, path)
}

// restoreTo restores the replica's latest state into staging and checks it whole.
func restoreTo(ctx context.Context, cfg Config, staging string) error {
	if err := removeAll(staging, staging+".tmp", staging+"-wal", staging+"-shm"); err != nil {
		return err // leftovers of an interrupted restore
	}
	opt := litestream.NewRestoreOptions()
	opt.OutputPath = staging
	opt.IntegrityCheck = litestream.IntegrityCheckFull
	r, err := cfg.replica(nil)
	if err != nil {
		return err
	}
	err = r.Restore(ctx, opt)
	if errors.Is(err, litestream.ErrTxNotAvailable) || errors.Is(err, litestream.ErrNoSnapshots) {
		return ErrNoReplica
	}
	if err != nil {
		return fmt.Errorf("restore from the replica: %w", err)
	}
	return removeAll(staging+"-wal", staging+"-shm") // left by the integrity check, if any
}

// removeAll removes files and directories, absent ones included.
func removeAll(paths ...string) error {
	for _, p := range paths {
		if err := os.RemoveAll(p); err != nil {
			return err
		}
	}
	return nil
}

// renameSynced renames from to to and syncs their directory.
func renameSynced(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	d, err := os.Open(filepath.Dir(to))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
