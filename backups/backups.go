// Package backups removes what a crash leaves of a backup in pb_data/backups. PocketBase copies
// a new backup into that folder under a temporary name (NAME.zip.<hex>.tmp) and renames it once
// whole; a process killed during the copy (kill -9, a power cut) leaves the partial copy, which
// PocketBase's backups API and dashboard then list beside the real backups (crashtest,
// TestKillDuringBackup). When the server starts, no backup of its own is running: any such
// file is a leftover, and is removed.
//
//	backups.Register(app) // in internal/server.Bind
package backups

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/pocketbase/pocketbase/core"
)

// partialCopy matches the temporary name of a backup being copied: a backup name as the
// backups API accepts it (or generates it), then the writer's ".<hex>.tmp".
var partialCopy = regexp.MustCompile(`^[a-z0-9_-]+\.zip\.[0-9a-f]+\.tmp$`)

// Register removes the leftovers when the server starts serving (not at every bootstrap: a
// command such as `maillage import` bootstraps beside a running server, which may be copying
// a backup at that moment).
func Register(app core.App) {
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		if !e.App.Settings().Backups.S3.Enabled {
			removed, err := RemoveLeftovers(filepath.Join(e.App.DataDir(), core.LocalBackupsDirName))
			for _, name := range removed {
				e.App.Logger().Warn("Removed the partial copy of a backup interrupted by a crash", "file", name)
			}
			if err != nil {
				e.App.Logger().Error("Could not remove the partial copies of interrupted backups", "error", err)
			}
		}
		return e.Next()
	})
}

// RemoveLeftovers deletes the partial backup copies of dir and returns their names. A missing
// dir holds none.
func RemoveLeftovers(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, e := range entries {
		if e.Type().IsRegular() && partialCopy.MatchString(e.Name()) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return removed, err
			}
			removed = append(removed, e.Name())
		}
	}
	return removed, nil
}
