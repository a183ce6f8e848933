// Package storagesweep removes the stored files that no record names any more. PocketBase
// deletes a deleted record's files, and a replaced file, in the background once the commit is
// done, and stores an upload's files before it inserts the row: a process killed at the wrong
// moment (kill -9, a power cut) leaves such files behind, a deleted account's photos among
// them (docs/reliability.md). Every night, and when a superuser runs the job from the
// dashboard (Settings › Crons), the sweep removes the files older than Grace that no record
// names, with their thumbnails.
//
//	storagesweep.Register(app) // in internal/server.Bind
package storagesweep

import (
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/filesystem/blob"
)

const (
	// JobID names the nightly job in PocketBase's cron (and the dashboard's list of crons).
	JobID = "storageSweep"
	// Grace leaves younger files alone: an upload in flight is stored before its row commits,
	// and a restored backup's newest files are kept a day for whoever restored it to look.
	Grace    = 24 * time.Hour
	schedule = "41 4 * * *"
)

// Report counts what a sweep removed and what it left because it was younger than the cutoff.
type Report struct {
	Removed      int
	RemovedBytes int64
	Young        int
}

// Register runs the sweep every night, logging what it removed.
func Register(app core.App) {
	app.Cron().MustAdd(JobID, schedule, func() {
		rep, err := Sweep(app, time.Now().Add(-Grace))
		if err != nil {
			app.Logger().Error("storage sweep", "error", err, "removed", rep.Removed)
			return
		}
		app.Logger().Info("storage sweep", "removed", rep.Removed, "bytes", rep.RemovedBytes, "young", rep.Young)
	})
}

// Sweep removes the stored files modified before cutoff that no record names, with their
// thumbnails, and the folders they leave empty. Files of a collection it does not know are
// left alone.
func Sweep(app core.App, cutoff time.Time) (Report, error) {
	fsys, err := app.NewFilesystem()
	if err != nil {
		return Report{}, fmt.Errorf("storage sweep: open the storage: %w", err)
	}
	defer fsys.Close()
	objects, err := fsys.List("")
	if err != nil {
		return Report{}, fmt.Errorf("storage sweep: list the storage: %w", err)
	}
	s := &sweeper{app: app, fsys: fsys, cutoff: cutoff, records: map[string]*core.Record{}, touched: map[string]bool{}}
	for _, obj := range objects {
		if err := s.consider(obj); err != nil {
			return s.report, err
		}
	}
	s.removeEmptyFolders()
	return s.report, nil
}

// sweeper holds one sweep's state: each record folder's record, read once.
type sweeper struct {
	app     core.App
	fsys    *filesystem.System
	cutoff  time.Time
	records map[string]*core.Record // "collection/record" → its record; nil: no such record
	touched map[string]bool         // folders a removal may have left empty
	report  Report
}

// consider removes obj if it is an old file that no record names.
func (s *sweeper) consider(obj *blob.ListObject) error {
	k, ok := parseKey(obj.Key)
	if !ok {
		return nil
	}
	if keep, err := s.keeps(k); keep || err != nil {
		return err
	}
	if !obj.ModTime.Before(s.cutoff) {
		s.report.Young++
		return nil
	}
	if err := s.fsys.Delete(obj.Key); err != nil && !errors.Is(err, filesystem.ErrNotFound) {
		return fmt.Errorf("storage sweep: remove %s: %w", obj.Key, err)
	}
	s.report.Removed++
	s.report.RemovedBytes += obj.Size
	for _, dir := range k.folders() {
		s.touched[dir] = true
	}
	return nil
}

// keeps reports whether k's file must stay: its folder is not a collection's of the app
// (PocketBase names them by id only), or its record names it.
func (s *sweeper) keeps(k key) (bool, error) {
	id := k.collection + "/" + k.record
	rec, seen := s.records[id]
	if !seen {
		col, err := s.app.FindCachedCollectionByNameOrId(k.collection)
		if err != nil || col.Id != k.collection {
			return true, nil
		}
		rec, err = s.app.FindRecordById(col, k.record)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return true, fmt.Errorf("storage sweep: read %s: %w", id, err)
		}
		s.records[id] = rec
	}
	return rec != nil && rec.FindFileFieldByFile(k.file) != nil, nil
}

// removeEmptyFolders removes the folders the sweep emptied, the deepest first (on the local
// disk; an object store has no folders).
func (s *sweeper) removeEmptyFolders() {
	dirs := slices.Collect(maps.Keys(s.touched))
	sort.Slice(dirs, func(i, j int) bool { return strings.Count(dirs[i], "/") > strings.Count(dirs[j], "/") })
	for _, dir := range dirs {
		if s.fsys.IsEmptyDir(dir) {
			_ = s.fsys.Delete(dir)
		}
	}
}
